package dev.sluice.internal;

import dev.sluice.SlowClientException;
import dev.sluice.SseStats.CloseReason;
import dev.sluice.spi.DropCounter;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Subscribes an {@link SseConnection} to an endpoint's {@code Flow.Publisher}. Demand follows
 * the connection, in bytes: a few events are requested up front, and after each write as many
 * more as fit in the room left in the connection's buffer, at the average size of the events so
 * far (never more than {@link #WINDOW} outstanding). A slow client slows the publisher instead
 * of filling the heap.
 *
 * <p>{@code request} and {@code cancel} are called from a worker thread, never the I/O thread,
 * because publishers often emit synchronously from inside {@code request}.
 */
final class PublisherDriver implements Flow.Subscriber<Object>, StreamListener, DropCounter {
  private static final System.Logger LOG = System.getLogger("dev.sluice");
  /** The most events requested and not yet received. */
  static final int WINDOW = 256;
  /** The first request, before any event size is known. */
  private static final int INITIAL = 16;

  private final SseConnection connection;
  private final Executor worker;
  private final String endpoint;
  /** Requested and not yet received; below zero means the publisher ignored demand. */
  private final AtomicLong outstanding = new AtomicLong();
  private volatile Flow.Subscription subscription;
  private volatile boolean cancelled;
  // I/O thread only: the sizes of the events written so far.
  private long bytesWritten;
  private long eventsWritten;

  PublisherDriver(SseConnection connection, Executor worker, String endpoint) {
    this.connection = connection;
    this.worker = worker;
    this.endpoint = endpoint;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    if (subscription != null) {
      s.cancel(); // rule 2.5: a second subscription is cancelled
      return;
    }
    subscription = s;
    if (cancelled || connection.isClosed()) {
      s.cancel();
      return;
    }
    outstanding.addAndGet(INITIAL);
    s.request(INITIAL);
  }

  @Override
  public void onNext(Object item) {
    if (cancelled) {
      return;
    }
    if (outstanding.decrementAndGet() < 0) {
      LOG.log(Level.ERROR, endpoint + ": the Flow.Publisher sent more than was requested;"
          + " closing the stream (Reactive Streams rule 1.1)");
      cancel();
      connection.abort(CloseReason.ERROR);
      return;
    }
    try {
      if (!connection.offer(item)) {
        cancel();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, endpoint + ": cannot encode an event; ending the stream", e);
      cancel();
      connection.fail(CloseReason.ERROR);
    }
  }

  @Override
  public void onError(Throwable error) {
    if (error instanceof SlowClientException) {
      LOG.log(Level.DEBUG, () -> endpoint + ": " + error.getMessage());
      connection.abort(CloseReason.SLOW);
      return;
    }
    if (!cancelled) {
      LOG.log(Level.ERROR, endpoint + ": the Flow.Publisher failed; ending the stream", error);
    }
    connection.fail(CloseReason.ERROR);
  }

  @Override
  public void onComplete() {
    connection.complete();
  }

  @Override
  public void dropped(long events) {
    connection.dropped(events);
  }

  @Override
  public void written(int events, long bytes, long bufferedBytes) {
    bytesWritten += bytes;
    eventsWritten += events;
    if (cancelled) {
      return;
    }
    long averageSize = Math.max(1, bytesWritten / Math.max(1, eventsWritten));
    long inFlight = outstanding.get();
    long room = connection.maxBufferedBytes() - bufferedBytes - inFlight * averageSize;
    long n = Math.min(WINDOW - inFlight, room / averageSize);
    if (n <= 0 && inFlight <= 0 && bufferedBytes == 0) {
      n = 1; // one event larger than the whole buffer still goes through
    }
    if (n > 0) {
      long request = n;
      outstanding.addAndGet(request);
      Flow.Subscription s = subscription;
      worker.execute(() -> s.request(request));
    }
  }

  @Override
  public void closed() {
    worker.execute(this::cancel);
  }

  private void cancel() {
    cancelled = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      try {
        s.cancel();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, endpoint + ": Flow.Subscription.cancel threw", e);
      }
    }
  }
}
