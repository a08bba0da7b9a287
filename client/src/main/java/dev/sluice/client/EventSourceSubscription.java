package dev.sluice.client;

import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscriber's event source: its connections one after another, as an {@code EventSource} keeps
 * them, and the delivery of their events to the subscriber.
 *
 * <p>What ends a connection decides what follows (WHATWG "Server-sent events", "reestablish the
 * connection" and "fail the connection"): a lost connection (the body ended, an I/O error, the read
 * timeout) reconnects after the reconnection time, which {@code retry} sets, sending {@code
 * Last-Event-ID}, and doubles the wait after each attempt that did not open (up to {@code
 * maxReconnectDelay}); 204 completes; a 5xx with {@code Retry-After} reconnects when it says; any
 * other answer fails, as does an event over {@code maxEventSize}. Without reconnects the end of the
 * body completes and an I/O error fails.
 *
 * <p>Delivery: events are parsed into {@link #pending} as chunks arrive, and handed to the
 * subscriber by a drain loop that any thread may enter and only one runs at a time, so that {@code
 * onNext} calls never overlap and a subscriber may call {@link #request} from inside {@code
 * onNext}. The next body chunk is asked for only when nothing parsed is left and demand is, so at
 * most one chunk's events wait here, whatever the server sends.
 */
final class EventSourceSubscription<T> implements Flow.Subscription, Exchange.Listener {
  private final SseClient client;
  private final EventStreamRequest.Target target;
  private final DataDecoder<T> decoder;
  private final Flow.Subscriber<? super MessageEvent<T>> subscriber;

  /** Told of each connection that opens, before its events. */
  private final Runnable onOpen;

  private final ConcurrentLinkedQueue<MessageEvent<String>> pending = new ConcurrentLinkedQueue<>();
  private final AtomicLong demand = new AtomicLong();
  private final AtomicInteger drains = new AtomicInteger();
  private volatile boolean cancelled;

  /** Set once: how the source ended, delivered after the events before it. */
  private volatile Terminal terminal;

  /** Drain loop only: the subscriber has had its terminal signal. */
  private boolean done;

  // Connection state, guarded by this.
  private volatile Exchange exchange;
  private boolean exchangeOpened;
  private String lastEventId;
  private long reconnectionMillis;
  private int failedAttempts;
  private ScheduledFuture<?> reconnect;

  /** The shortest wait after an attempt that did not open. */
  private static final long MIN_BACKOFF_MILLIS = 100;

  /** How the source ended: {@code error} null for completion. */
  private record Terminal(Throwable error) {}

  EventSourceSubscription(
      SseClient client,
      EventStreamRequest.Target target,
      DataDecoder<T> decoder,
      Flow.Subscriber<? super MessageEvent<T>> subscriber,
      Runnable onOpen) {
    this.client = client;
    this.onOpen = onOpen;
    this.target = target;
    this.decoder = decoder;
    this.subscriber = subscriber;
    this.lastEventId = target.lastEventId();
    this.reconnectionMillis = client.reconnectDelay().toMillis();
  }

  /** Hands the subscriber its subscription, then opens the first connection. */
  void start() {
    subscriber.onSubscribe(this);
    connect();
  }

  @Override
  public void request(long n) {
    if (n <= 0) {
      pending.clear(); // rule 3.9 wants the error now, not after events that need demand
      finish(
          new IllegalArgumentException(
              "Reactive Streams rule 3.9: request(n) needs n > 0, got " + n));
      drain();
      return;
    }
    demand.getAndUpdate(d -> d + n < 0 ? Long.MAX_VALUE : d + n);
    drain();
  }

  @Override
  public void cancel() {
    cancelled = true;
    Exchange current;
    synchronized (this) {
      current = exchange;
      exchange = null;
      if (reconnect != null) {
        reconnect.cancel(false);
      }
    }
    if (current != null) {
      current.cancel();
    }
    drain(); // empties the queue
  }

  private void connect() {
    Exchange next;
    HttpRequest request;
    synchronized (this) {
      if (cancelled || terminal != null) {
        return;
      }
      try {
        request = target.httpRequest(lastEventId);
      } catch (IllegalArgumentException unsendable) {
        request = null;
        finish(
            new SseClientException(
                "Cannot send Last-Event-ID '"
                    + lastEventId
                    + "' in a"
                    + " request header: "
                    + unsendable.getMessage(),
                unsendable));
      }
      next =
          request == null
              ? null
              : new Exchange(
                  client.http(), client.readTimeout(), client.maxEventSize(), lastEventId, this);
      exchange = next;
      exchangeOpened = false;
    }
    if (next == null) {
      drain();
    } else {
      next.start(request);
    }
  }

  @Override
  public void opened(Exchange from) {
    synchronized (this) {
      if (from != exchange) {
        return;
      }
      exchangeOpened = true;
      failedAttempts = 0;
    }
    onOpen.run();
  }

  @Override
  public void event(MessageEvent<String> event) {
    if (!cancelled) {
      pending.add(event);
    }
  }

  @Override
  public synchronized void retry(long millis) {
    reconnectionMillis = millis;
  }

  @Override
  public void readable(Exchange from) {
    drain();
  }

  @Override
  public void lost(Exchange from, Throwable cause) {
    synchronized (this) {
      if (from != exchange) {
        return;
      }
      exchange = null;
      lastEventId = from.lastEventId();
      if (!target.reconnect()) {
        finish(
            cause == null || cause instanceof SseClientException
                ? cause
                : new SseClientException(
                    "The connection to " + target.uri() + " was lost: " + cause, cause));
      } else {
        if (!exchangeOpened) {
          failedAttempts++;
        }
        scheduleReconnect(reconnectDelayMillis());
      }
    }
    drain();
  }

  /**
   * The reconnection time, and after attempts that did not open twice as long per attempt (from at
   * least {@link #MIN_BACKOFF_MILLIS}, so that even {@code retry: 0} does not hammer a server that
   * refuses at once), never more than {@code maxReconnectDelay}.
   */
  private long reconnectDelayMillis() {
    long max = client.maxReconnectDelay().toMillis();
    long delay = Math.min(reconnectionMillis, max);
    if (failedAttempts > 0) {
      delay = Math.max(delay, MIN_BACKOFF_MILLIS);
      for (int i = 1; i < failedAttempts && delay < max; i++) {
        delay = Math.min(max, delay * 2);
      }
    }
    return Math.min(delay, max);
  }

  @Override
  public void answered(Exchange from, int status, HttpHeaders headers, String body) {
    synchronized (this) {
      if (from != exchange) {
        return;
      }
      exchange = null;
      Optional<Duration> retryAfter =
          status >= 500 && target.reconnect()
              ? RetryAfter.of(headers, Clock.systemUTC())
              : Optional.empty();
      if (status == 204) {
        finish(null); // "204 No Content" tells an event source to stop
      } else if (retryAfter.isPresent()) {
        failedAttempts++;
        scheduleReconnect(
            Math.min(retryAfter.get().toMillis(), client.maxReconnectDelay().toMillis()));
      } else {
        finish(refusal(status, headers, body));
      }
    }
    drain();
  }

  private SseResponseException refusal(int status, HttpHeaders headers, String body) {
    String reason =
        status == 200
            ? "answered 200 with Content-Type '"
                + headers.firstValue("Content-Type").orElse("(none)")
                + "', not text/event-stream"
            : "answered " + status;
    return new SseResponseException(
        "GET " + target.uri() + " " + reason + (body.isBlank() ? "" : ": " + body.strip()),
        status,
        headers,
        body);
  }

  @Override
  public void failed(Exchange from, SseClientException failure) {
    synchronized (this) {
      if (from != exchange) {
        return;
      }
      exchange = null;
      finish(failure);
    }
    drain();
  }

  /** Under the lock: waits, then connects again unless the source ended meanwhile. */
  private void scheduleReconnect(long delayMillis) {
    if (!cancelled) {
      reconnect = Timers.schedule(this::connect, Duration.ofMillis(delayMillis).toNanos());
    }
  }

  /**
   * Ends the source: completion when {@code error} is null. The first end wins. The caller drains
   * afterwards, outside the lock, since draining calls the subscriber.
   */
  private synchronized void finish(Throwable error) {
    if (terminal != null) {
      return;
    }
    terminal = new Terminal(error);
    if (reconnect != null) {
      reconnect.cancel(false);
    }
    if (exchange != null) {
      exchange.cancel(); // never blocks: it only cancels the request and its body
      exchange = null;
    }
  }

  private void drain() {
    if (drains.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      deliver();
      missed = drains.addAndGet(-missed);
    } while (missed != 0);
  }

  /** One pass of the drain loop: events while there is demand, then the end or more bytes. */
  private void deliver() {
    if (done) {
      pending.clear();
      return;
    }
    if (cancelled) {
      done = true;
      pending.clear();
      return;
    }
    while (demand.get() > 0) {
      MessageEvent<String> event = pending.poll();
      if (event == null) {
        break;
      }
      MessageEvent<T> decoded;
      try {
        decoded = event.withData(decoder.decode(event.type(), event.data()));
      } catch (SseClientException undecodable) {
        terminateWith(undecodable);
        return;
      }
      if (demand.get() != Long.MAX_VALUE) {
        demand.decrementAndGet();
      }
      subscriber.onNext(decoded);
      if (cancelled) {
        done = true;
        pending.clear();
        return;
      }
    }
    // Read the end before the queue: events before it were queued before it was set.
    Terminal end = terminal;
    if (!pending.isEmpty()) {
      return;
    }
    if (end != null) {
      done = true;
      if (end.error() == null) {
        subscriber.onComplete();
      } else {
        subscriber.onError(end.error());
      }
    } else if (demand.get() > 0) {
      Exchange current = exchange;
      if (current != null) {
        current.requestMore();
      }
    }
  }

  /** The subscriber cannot go on (data it cannot read): stop everything, then tell it. */
  private void terminateWith(SseClientException failure) {
    done = true;
    pending.clear();
    cancel();
    subscriber.onError(failure);
  }
}
