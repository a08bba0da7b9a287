package dev.sluice.internal.drive;

import dev.sluice.SlowClientException;
import dev.sluice.SseStats.CloseReason;
import dev.sluice.encode.SseEncoder;
import dev.sluice.internal.broadcast.FanOutTarget;
import dev.sluice.internal.broadcast.InlineDemand;
import dev.sluice.internal.broadcast.SharedEncoding;
import dev.sluice.internal.broadcast.Subscribing;
import dev.sluice.internal.close.Counters;
import dev.sluice.internal.log.ThrottledLog;
import dev.sluice.internal.write.EventStreamWriter;
import dev.sluice.internal.write.WriteListener;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Subscribes an event stream to its endpoint's {@code Flow.Publisher}. Demand follows the
 * connection, in bytes: one event is requested up front, and after writes as many more as fit in
 * the room left in the connection's buffer at the size of the largest event so far (never more than
 * {@link #WINDOW} outstanding), a quarter of that window at a time. A slow client slows the
 * publisher instead of filling the heap.
 *
 * <p>Every {@code request} and {@code cancel} goes through one demand pump, which runs on one
 * thread at a time (Reactive Streams rule 2.7) and calls nothing once the publisher has completed
 * or failed (rule 2.4). The pump runs on a worker, never on the I/O thread, because publishers
 * often emit synchronously from inside {@code request}; only the first request runs on the thread
 * that subscribed, so that a publisher failing at once (bad arguments, typically) is answered with
 * 500 before the event stream opens. A subscription that runs none of the user's code ({@link
 * InlineDemand}, a broadcast's own) is renewed right on the I/O thread that wrote.
 */
final class PublisherDriver extends Driver
    implements Flow.Subscriber<Object>, WriteListener, FanOutTarget {
  private static final System.Logger LOG = System.getLogger("dev.sluice.stream");
  private static final ThrottledLog FAILED =
      new ThrottledLog(LOG, Level.ERROR, "A Flow.Publisher failed; its event stream ended");
  private static final ThrottledLog BROKE_RULES =
      new ThrottledLog(
          LOG,
          Level.ERROR,
          "A Flow.Publisher broke the Reactive Streams rules; its event stream was closed");

  /** The most events requested and not yet received. */
  static final int WINDOW = 256;

  private static final int STARTING = 0;
  private static final int OPEN = 1;
  private static final int FAILED_EARLY = 2;

  private final Executor worker;

  /** Requested (or about to be) and not yet received; below zero: the publisher ignored demand. */
  private final AtomicLong outstanding = new AtomicLong();

  private volatile Flow.Subscription subscription;

  /** A terminal signal arrived: nothing more is called on the subscription (rule 2.4). */
  private volatile boolean terminated;

  private volatile boolean sawEvent;
  private final AtomicInteger state = new AtomicInteger(STARTING);
  private volatile Throwable earlyError;

  // The demand pump: work counter, demand not yet passed on, and a cancel to pass on.
  private final AtomicInteger pumpWork = new AtomicInteger();
  private final AtomicLong unrequested = new AtomicLong();
  private volatile boolean cancelWanted;

  /** Pump only: the subscription was cancelled. */
  private boolean cancelSent;

  /** What a broadcast passes on next, with its shared bytes; see {@link #sharing}. */
  private SharedEncoding sharing;

  PublisherDriver(
      SseEncoder<?> encoder,
      EventStreamWriter writer,
      Counters counters,
      String endpoint,
      Executor worker) {
    super(encoder, writer, counters, endpoint);
    this.worker = worker;
  }

  /**
   * Subscribes to the endpoint's publisher. While it runs, this is the event stream {@link
   * Subscribing} names, so that a broadcast subscribed to behind a user's operator still knows
   * which event stream it feeds.
   */
  void subscribeTo(Flow.Publisher<?> publisher) {
    try {
      Subscribing.as(this, () -> publisher.subscribe(this));
    } catch (RuntimeException | Error e) {
      subscribeFailed(e);
    }
  }

  /**
   * Called once the publisher's {@code subscribe} returned: opens the event stream, unless the
   * publisher already failed without an event.
   *
   * @return null once the event stream is open, else what the publisher failed with
   */
  Throwable open() {
    if (state.compareAndSet(STARTING, OPEN)) {
      writer.open(this);
      return null;
    }
    return earlyError;
  }

  /** The publisher's {@code subscribe} threw: a failure like {@code onError}. */
  private void subscribeFailed(Throwable error) {
    cancel();
    onError(error);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    Objects.requireNonNull(s, "subscription"); // rule 2.13
    if (subscription != null) {
      s.cancel(); // rule 2.5: a second subscription is cancelled
      return;
    }
    subscription = s;
    demand(1, !writer.inIoThread());
  }

  @Override
  public void onNext(Object item) {
    if (terminated || cancelWanted) {
      return;
    }
    sawEvent = true;
    if (outstanding.decrementAndGet() < 0) {
      BROKE_RULES.log(() -> endpoint + ": it sent more than was requested (rule 1.1)");
      cancel();
      writer.abort(CloseReason.ERROR);
      return;
    }
    SharedEncoding shared = sharing;
    switch (offer(item, shared)) {
      case CLOSED:
        cancel();
        break;
      case SKIPPED:
        demand(1, false); // no write will ask for more on its behalf
        break;
      default:
        break;
    }
  }

  @Override
  public void onError(Throwable error) {
    if (terminated) {
      return;
    }
    terminated = true;
    if (error instanceof SlowClientException) {
      LOG.log(Level.DEBUG, () -> endpoint + ": " + error.getMessage());
      writer.abort(CloseReason.SLOW);
      return;
    }
    if (!sawEvent && state.compareAndSet(STARTING, FAILED_EARLY)) {
      earlyError = error; // open() answers it with 500
      return;
    }
    if (!cancelWanted) {
      FAILED.log(() -> endpoint, error);
    }
    writer.fail(CloseReason.ERROR);
  }

  @Override
  public void onComplete() {
    terminated = true;
    writer.complete();
  }

  @Override
  public void dropped(long events) {
    writer.dropped(events);
  }

  @Override
  public long backedUpSince() {
    return writer.backedUpSince();
  }

  @Override
  public Executor ioThread() {
    return writer.ioThread();
  }

  @Override
  public Executor worker() {
    return worker;
  }

  @Override
  public SseEncoder<?> encoder() {
    return routeEncoder();
  }

  @Override
  public void sharing(SharedEncoding next) {
    sharing = next;
  }

  /** On the I/O thread. */
  @Override
  public void written(int events, long bytes, long bufferedBytes) {
    long inFlight = outstanding.get();
    if (terminated || cancelWanted || events == 0 && inFlight > 0) {
      return; // a heartbeat alone frees no room, and says nothing of the events' size
    }
    long size = Math.max(1, writer.largestEventBytes());
    long room = writer.maxBufferedBytes() - bufferedBytes - inFlight * size;
    long n = Math.min(WINDOW - inFlight, room / size);
    if (n <= 0 && inFlight <= 0 && bufferedBytes == 0) {
      n = 1; // one event larger than the whole buffer still goes through
    }
    // Replenish in batches, a quarter of the window at a time, while events are still on their
    // way: a broadcast's event stream writes one event at a time, and a request after every write
    // would cost each subscriber a worker task per event.
    long window = Math.min(WINDOW, Math.max(1, writer.maxBufferedBytes() / size));
    if (n > 0 && (inFlight <= 0 || n >= Math.max(1, window / 4))) {
      demand(n, subscription instanceof InlineDemand);
    }
  }

  @Override
  public void closed() {
    cancel();
  }

  private void cancel() {
    cancelWanted = true;
    pump(subscription instanceof InlineDemand);
  }

  private void demand(long n, boolean here) {
    outstanding.addAndGet(n);
    unrequested.addAndGet(n);
    pump(here);
  }

  /** Runs the pump on this thread ({@code here}) or a worker, unless it is running already. */
  private void pump(boolean here) {
    if (pumpWork.getAndIncrement() != 0) {
      return; // the running pump sees the new work before it stops
    }
    if (!here) {
      try {
        worker.execute(this::runPump);
        return;
      } catch (RejectedExecutionException e) {
        // The worker is shutting down with the server: finish on this thread.
      }
    }
    runPump();
  }

  private void runPump() {
    int missed = 1;
    do {
      Flow.Subscription s = subscription;
      if (s != null && !cancelSent && !terminated) {
        if (cancelWanted) {
          cancelSent = true;
          call(s, 0);
        } else {
          long n = unrequested.getAndSet(0);
          if (n > 0) {
            call(s, n);
          }
        }
      }
      missed = pumpWork.addAndGet(-missed);
    } while (missed != 0);
  }

  /** {@code request(n)}, or {@code cancel()} for n = 0; a publisher that throws has failed. */
  private void call(Flow.Subscription s, long n) {
    try {
      if (n == 0) {
        s.cancel();
      } else {
        s.request(n);
      }
    } catch (RuntimeException e) {
      BROKE_RULES.log(
          () ->
              endpoint
                  + ": Flow.Subscription."
                  + (n == 0 ? "cancel" : "request")
                  + " threw (rules 3.15 and 3.16)",
          e);
      if (n != 0) {
        cancelSent = true;
        try {
          s.cancel();
        } catch (RuntimeException ignored) {
          // Already reported: the publisher is broken either way.
        }
        onError(e);
      }
    }
  }
}
