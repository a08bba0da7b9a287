package dev.sluice.internal.broadcast;

import dev.sluice.SlowClientException;
import dev.sluice.SseEvent;
import dev.sluice.internal.broadcast.slow.Laggard;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscriber's place in a broadcast's history, and the Reactive Streams rules it keeps: every
 * signal to the subscriber comes from one drain loop at a time (rule 1.3), never more events than
 * requested (1.1), nothing after a terminal signal or a cancel (1.6, 3.6), and a request of zero or
 * less answered with {@code onError} (3.9). The loop reads the history from its cursor, lets the
 * slow-client rule judge how far behind it is, skips what a journal replay delivered already, tells
 * of gaps, and delivers the rest.
 */
class BroadcastSubscription<T> implements Flow.Subscription, Laggard {
  final Broadcast<T> broadcast;
  private final Flow.Subscriber<? super SseEvent<T>> subscriber;

  /** The event stream fed, through the user's operator if this is not it; null if none. */
  final FanOutTarget target;

  private final AtomicInteger membership = new AtomicInteger(); // 0 new, 1 member, 2 gone
  final AtomicLong requested = new AtomicLong();
  private final AtomicInteger wip = new AtomicInteger();
  volatile boolean done;

  /** A request(n <= 0) to answer with onError from inside the drain loop (rule 3.9). */
  private volatile long invalidRequest;

  // Drain loop only, but for what the start sets before the first drain.
  long cursor;
  SseEvent<T> notice;
  private long behindSince = -1;

  /** Where a subscriber without a last id joined: a gap before it is not its loss. */
  long liveFrom = -1;

  /** The seq of the entry whose gap notice this subscriber got. */
  private long gapNoticed = -1;

  /** On a journal: the replay of an id the history does not hold, until the history takes over. */
  JournalReplay<T> replay;

  BroadcastSubscription(
      Broadcast<T> broadcast,
      Flow.Subscriber<? super SseEvent<T>> subscriber,
      FanOutTarget target,
      String lastEventId) {
    this.broadcast = broadcast;
    this.subscriber = subscriber;
    this.target = target;
    broadcast.source.start(this, lastEventId);
    if (notice != null) {
      BroadcastLog.historyLost(); // outside the history's lock: a log line may block
    }
  }

  @Override
  public void request(long n) {
    if (done) {
      return;
    }
    if (n <= 0) {
      invalidRequest = n == 0 ? -1 : n; // keep it non-zero, the flag's resting value
      drain();
      return;
    }
    requested.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
    drain();
  }

  @Override
  public void cancel() {
    done = true;
    leave();
  }

  /** Where this subscriber's events are delivered: see {@link Delivery}. */
  Delivery.GroupKey groupKey() {
    return target == null
        ? new Delivery.GroupKey(broadcast.executor, false)
        : new Delivery.GroupKey(target.ioThread(), true); // the user's operator runs on a worker
  }

  /** Once it has left. */
  void left() {}

  /** Joins the group that delivers to it, unless it has ended meanwhile. */
  void join() {
    if (!membership.compareAndSet(0, 1)) {
      return;
    }
    Delivery.GroupKey key = groupKey();
    Executor thread = key.onWorker() ? target.worker() : key.thread();
    broadcast.delivery.join(key, thread, this);
    if (done) {
      leave(); // cancelled while joining: the cancel may have found no group to leave
    }
  }

  /** Leaves its group, once, whether or not it joined one. */
  private void leave() {
    int was = membership.getAndSet(2);
    if (was == 2) {
      return;
    }
    if (was == 1) {
      broadcast.delivery.leave(groupKey(), this);
    }
    left();
  }

  void drain() {
    if (wip.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      emit();
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }

  private void emit() {
    if (done) {
      return;
    }
    if (invalidRequest != 0) {
      terminate(
          new IllegalArgumentException(
              "Flow.Subscription.request needs a positive number (rule 3.9), got "
                  + (invalidRequest == -1 ? 0 : invalidRequest)));
      return;
    }
    if (replay != null && !replay.step()) {
      return; // still replaying from the journal
    }
    if (notice != null && requested.get() > 0) {
      SseEvent<T> lost = notice;
      notice = null;
      deliver(lost, null);
    }
    History<T> history = broadcast.history;
    while (!done) {
      long end = history.head();
      long oldest = history.tail();
      if (cursor < oldest && !broadcast.rule.fellOutOfHistory(this, oldest)) {
        return;
      }
      if (!broadcast.rule.keepUp(this, end)) {
        return;
      }
      if (notice != null || cursor >= end || requested.get() == 0) {
        return; // the rule is applied above even while the notice waits for demand
      }
      Entry<T> entry = history.at(cursor);
      if (entry == null) {
        continue; // evicted just now: the tail has moved past it
      }
      if (!entry.ready) {
        return; // its publisher signals every group once it is encoded
      }
      if (replay != null && replay.delivered(entry)) {
        cursor++; // replayed from the journal before this node followed it
        continue;
      }
      replay = null;
      if (entry.lostAfter != null && entry.seq != liveFrom && gapNoticed != entry.seq) {
        // The id is the last one before the gap: a client that reconnects with it resumes
        // there, from a node that has what this one lost, or is told again.
        gapNoticed = entry.seq;
        deliver(HistoryLost.notice(entry.lostAfter, entry.lostAfter), null);
        continue;
      }
      cursor++;
      if (history.superseded(entry)) {
        skipped(1); // a newer event of the same key is on its way
        continue;
      }
      deliver(entry.event, entry.encoding);
    }
  }

  /** Passes one event on, with its bytes when it has them; there is demand for it. */
  void deliver(SseEvent<T> event, SharedEncoding encoding) {
    requested.decrementAndGet();
    if (target != null) {
      target.sharing(encoding);
    }
    subscriber.onNext(event);
  }

  @Override
  public long cursor() {
    return cursor;
  }

  @Override
  public void skipTo(long seq) {
    skipped(seq - cursor);
    cursor = seq;
  }

  private void skipped(long events) {
    if (target != null) {
      target.dropped(events);
    }
  }

  @Override
  public void disconnect(String why) {
    BroadcastLog.slowSubscriberDisconnected(why);
    terminate(new SlowClientException(why));
  }

  @Override
  public long backedUpSince() {
    // A subscriber that is no event stream has no connection that could be the one to blame.
    return target != null ? target.backedUpSince() : Long.MAX_VALUE;
  }

  @Override
  public long behindSince() {
    return behindSince;
  }

  @Override
  public void behindSince(long nanos) {
    behindSince = nanos;
  }

  private void terminate(Throwable error) {
    done = true;
    leave();
    subscriber.onError(error);
  }

  /**
   * A subscriber that is an event stream itself: the I/O thread that writes it delivers to it and
   * renews its demand, as its events come encoded for its encoder by the broadcast.
   */
  static final class Direct<T> extends BroadcastSubscription<T> implements InlineDemand {
    Direct(
        Broadcast<T> broadcast,
        Flow.Subscriber<? super SseEvent<T>> subscriber,
        FanOutTarget target,
        String lastEventId) {
      super(broadcast, subscriber, target, lastEventId);
    }

    @Override
    Delivery.GroupKey groupKey() {
      return new Delivery.GroupKey(target.ioThread(), false);
    }

    @Override
    void left() {
      broadcast.delivery.removeEncoder(target.encoder());
    }
  }
}
