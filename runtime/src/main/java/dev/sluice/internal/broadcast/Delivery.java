package dev.sluice.internal.broadcast;

import dev.sluice.encode.SseEncoder;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a broadcast's events reach its subscribers: each new entry is encoded ahead, on the thread
 * that publishes it, for the encoders of the event streams subscribed directly, and then every
 * delivery group is signalled once. A group is the subscribers one thread delivers to (an I/O
 * thread, a worker standing in for one, or the builder's executor), and it drains each of them in
 * one task: one task per event and thread, never one per subscriber. Thread-safe.
 */
final class Delivery<T> {
  private final History<T> history;
  private final ConcurrentMap<GroupKey, Group> groups = new ConcurrentHashMap<>();

  /** The encoders of the event streams subscribed directly, each with how many use it. */
  private final ConcurrentMap<SseEncoder<?>, Integer> encoders = new ConcurrentHashMap<>();

  private final AtomicInteger subscribers = new AtomicInteger();

  Delivery(History<T> history) {
    this.history = history;
  }

  /** Which thread delivers to a group: an executor, and whether it stands in for an I/O thread. */
  record GroupKey(Executor thread, boolean onWorker) {}

  /** Encodes a new entry ahead for the direct subscribers, then lets every group deliver it. */
  void deliver(Entry<T> entry) {
    for (SseEncoder<?> encoder : encoders.keySet()) {
      entry.encoding.encodeAhead(encoder);
    }
    entry.ready = true;
    for (Group group : groups.values()) {
      group.signal();
    }
  }

  /**
   * Counts an event stream's encoder in, and if it is new here, encodes the history for it: the
   * events published from then on are encoded for it by {@link #deliver}. Called before the
   * subscriber takes its place in the history, so that every event it reads is encoded.
   */
  void addEncoder(SseEncoder<?> encoder) {
    boolean[] added = new boolean[1];
    encoders.compute(
        encoder,
        (e, users) -> {
          added[0] = users == null;
          return users == null ? 1 : users + 1;
        });
    if (added[0]) {
      history.forEachRetained(entry -> entry.encoding.encodeAhead(encoder));
    }
  }

  void removeEncoder(SseEncoder<?> encoder) {
    encoders.computeIfPresent(encoder, (e, users) -> users == 1 ? null : users - 1);
  }

  /** Adds {@code member} to the group of {@code key}, delivered to on {@code thread}. */
  void join(GroupKey key, Executor thread, BroadcastSubscription<T> member) {
    groups.compute(
        key,
        (k, existing) -> {
          Group joined = existing != null ? existing : new Group(thread);
          joined.members.add(member);
          return joined;
        });
    subscribers.incrementAndGet();
  }

  void leave(GroupKey key, BroadcastSubscription<T> member) {
    groups.computeIfPresent(
        key,
        (k, current) -> {
          current.members.remove(member);
          return current.members.isEmpty() ? null : current;
        });
    subscribers.decrementAndGet();
  }

  int subscribers() {
    return subscribers.get();
  }

  /** Threads delivering to subscribers now; for tests. */
  int groups() {
    return groups.size();
  }

  /** Encoders the direct subscribers' event streams use; for tests. */
  int encoders() {
    return encoders.size();
  }

  /**
   * The subscribers one thread delivers to. A published event signals the group once, and the
   * thread then drains every member: one task per event for all of them, never two at a time.
   */
  private final class Group {
    private final Executor executor;
    private final Set<BroadcastSubscription<T>> members = ConcurrentHashMap.newKeySet();
    private final AtomicInteger work = new AtomicInteger();
    private final Runnable run = this::run;

    Group(Executor executor) {
      this.executor = executor;
    }

    void signal() {
      if (work.getAndIncrement() == 0) {
        try {
          executor.execute(run);
        } catch (RejectedExecutionException e) {
          // Its thread stops with its server, whose event streams end with it: nothing to
          // deliver, and nothing the publisher should hear of. The next signal tries again.
          work.set(0);
        }
      }
    }

    private void run() {
      int missed = 1;
      do {
        for (BroadcastSubscription<T> member : members) {
          member.drain();
        }
        missed = work.addAndGet(-missed);
      } while (missed != 0);
    }
  }
}
