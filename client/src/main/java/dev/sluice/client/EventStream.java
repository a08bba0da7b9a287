package dev.sluice.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * An event stream read by blocking calls: each waits for the next event, at most the client's
 * {@linkplain SseClient.Builder#timeout timeout} (or the one it is given), and throws {@link
 * SseTimeoutException} when none came in time, so a test that expects an event fails instead of
 * hanging. Iterable: {@code for (Quote q : stream)} reads until the event stream ends.
 *
 * <pre>{@code
 * try (EventStream<Tick> ticks = client.events("/ticks?every=PT0.1S", Tick.class)) {
 *   List<Tick> three = ticks.take(3);
 * }
 * }</pre>
 *
 * <p>The event stream ends (no next element) when the server answers 204, or, without reconnects,
 * when its response ends. A failure ({@link SseResponseException} for a response that is not an
 * event event stream, {@link SseClientException} for the rest) is thrown by the read that reaches
 * it, and by every read after. At most {@value #WINDOW} events are read ahead of the caller; past
 * that the client stops reading the connection. {@link #close} disconnects.
 *
 * <p>Threading: read from one thread at a time; {@code close} from any.
 *
 * @param <E> what each read returns: an event's data, or the whole {@link MessageEvent}
 */
public final class EventStream<E> implements Iterable<E>, AutoCloseable {
  /** Events read ahead of the caller. */
  static final int WINDOW = 16;

  private final String description;
  private final Duration timeout;
  private final CompletableFuture<Void> firstOpen = new CompletableFuture<>();
  private Function<Object, E> element;
  private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
  private volatile Flow.Subscription subscription;
  private volatile boolean closed;

  /** Reader only: an element taken from the queue and not yet returned, or the sticky end. */
  private Object head;

  /** The end of the event stream, in the queue. */
  private record End(Throwable failure) {}

  private static final End CLOSED = new End(null);

  EventStream(String description, Duration timeout) {
    this.description = description;
    this.timeout = timeout;
  }

  /** Subscribes to the events; called once, right after construction. */
  @SuppressWarnings("unchecked") // the publisher only emits MessageEvent<T>
  <T> void read(Flow.Publisher<MessageEvent<T>> events, Function<MessageEvent<T>, E> element) {
    this.element = item -> element.apply((MessageEvent<T>) item);
    events.subscribe(
        new Flow.Subscriber<MessageEvent<T>>() {
          @Override
          public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (closed) {
              s.cancel();
            } else {
              s.request(WINDOW);
            }
          }

          @Override
          public void onNext(MessageEvent<T> event) {
            arrived.add(event);
          }

          @Override
          public void onError(Throwable failure) {
            firstOpen.complete(null);
            arrived.add(new End(failure));
          }

          @Override
          public void onComplete() {
            firstOpen.complete(null);
            arrived.add(new End(null));
          }
        });
  }

  /** A connection opened (its response is an event stream). */
  void opened() {
    firstOpen.complete(null);
  }

  /**
   * Waits, at most the client's timeout, until the server has answered with an event stream, so
   * that what the test does next (a post to a broadcast, say) happens while the event stream is
   * open: Sluice answers once the endpoint's publisher is subscribed to. Returns at once if the
   * event stream has already opened, or ended (a later read tells how).
   *
   * @throws SseTimeoutException if no answer came in time
   */
  public EventStream<E> awaitOpen() {
    try {
      if (timeout.isZero()) {
        firstOpen.get();
      } else {
        firstOpen.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      }
    } catch (TimeoutException e) {
      throw new SseTimeoutException(description + " did not open within " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SseClientException("Interrupted while waiting for " + description + " to open");
    } catch (ExecutionException e) {
      throw new AssertionError("completed only normally", e);
    }
    return this;
  }

  /**
   * The next element, waiting at most the client's timeout.
   *
   * @throws NoSuchElementException if the event stream ended
   * @throws SseTimeoutException if no event came in time
   * @throws SseClientException if the event stream failed
   */
  public E next() {
    return next(timeout);
  }

  /**
   * The next element, waiting at most {@code timeout} ({@code Duration.ZERO}: without limit).
   *
   * @throws NoSuchElementException if the event stream ended
   * @throws SseTimeoutException if no event came in time
   * @throws SseClientException if the event stream failed
   */
  public E next(Duration timeout) {
    Object item = peek(timeout);
    if (item instanceof End end) {
      throw ended(end);
    }
    head = null;
    subscription.request(1);
    return element.apply(item);
  }

  /**
   * The next {@code n} elements, waiting at most the client's timeout for each.
   *
   * @throws NoSuchElementException if the event stream ended before
   */
  public List<E> take(int n) {
    List<E> taken = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      taken.add(next());
    }
    return taken;
  }

  /**
   * Every element up to the end of the event stream, waiting at most the client's timeout for each:
   * for event streams that end (an endpoint whose event stream runs out, read without reconnects).
   */
  public List<E> toList() {
    List<E> all = new ArrayList<>();
    while (hasNext()) {
      all.add(next());
    }
    return all;
  }

  /**
   * Whether another element comes before the end, waiting at most the client's timeout to know.
   *
   * @throws SseTimeoutException if neither an event nor the end came in time
   * @throws SseClientException if the event stream failed
   */
  public boolean hasNext() {
    Object item = peek(timeout);
    if (item instanceof End end && end.failure() != null) {
      throw ended(end);
    }
    return !(item instanceof End);
  }

  /** Reads with {@link #hasNext()} and {@link #next()}; one iterator reads the one event stream. */
  @Override
  public Iterator<E> iterator() {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return EventStream.this.hasNext();
      }

      @Override
      public E next() {
        return EventStream.this.next();
      }
    };
  }

  /** Disconnects and stops reconnecting. Idempotent; later reads see the end. */
  @Override
  public void close() {
    closed = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    firstOpen.complete(null);
    arrived.clear(); // what was read ahead is not wanted
    arrived.add(CLOSED);
  }

  private Object peek(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (closed) {
      head = CLOSED;
    }
    if (head == null) {
      try {
        head =
            timeout.isZero()
                ? arrived.take()
                : arrived.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SseClientException("Interrupted while waiting for an event from " + description);
      }
      if (head == null) {
        throw new SseTimeoutException("No event from " + description + " within " + timeout);
      }
    }
    return head;
  }

  private RuntimeException ended(End end) {
    if (end.failure() == null) {
      return new NoSuchElementException("The event stream from " + description + " ended");
    }
    if (end.failure() instanceof RuntimeException failure) {
      return failure;
    }
    return new SseClientException(end.failure().getMessage(), end.failure());
  }
}
