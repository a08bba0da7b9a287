package dev.sluice;

import dev.sluice.encode.SseEncoder;
import dev.sluice.internal.BroadcastLog;
import dev.sluice.internal.EncodeAhead;
import dev.sluice.internal.InlineDemand;
import dev.sluice.internal.StreamFeedback;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One producer fanned out to many streams, with a bounded history for clients that reconnect.
 *
 * <pre>{@code
 * SseBroadcaster<Message> room = SseBroadcaster.create();
 *
 * @SseEndpoint("/rooms/{room}/events")
 * public Flow.Publisher<SseEvent<Message>> events(@LastEventId String lastEventId) {
 *   return room.subscribe(lastEventId);
 * }
 *
 * room.publish(new Message("ada", "hello"));   // from any thread
 * }</pre>
 *
 * <p>Every published event gets an id (unless it carries one): increasing, and prefixed with
 * this broadcaster's start time, so that an id from before a restart is not mistaken for one
 * after it. {@link #subscribe(String)} replays every retained event after the given id, then
 * continues live, with no gap and no duplicate even when {@code publish} races with it. An id
 * the history no longer holds (too old, unknown, or from before a restart) first gets the client
 * an event named {@value #HISTORY_LOST_EVENT} whose data is that id as a JSON string, so the page
 * can reload its state; the notice carries the id of the newest event, so that the client's next
 * reconnect resumes there instead of being told again. The stream then continues live.
 *
 * <p>All subscribers read one shared history (a ring of at most {@code maxEvents}, none older
 * than {@code maxAge}), so memory does not grow with subscribers; each event is encoded once for
 * all of them. A subscriber that falls behind is handled by the {@link SlowClientPolicy}.
 *
 * <p>Thread-safe. {@code publish} encodes the event for the streams subscribed (once each way
 * they encode it, on the calling thread), then returns: it never walks the subscribers nor waits
 * for one. Each I/O thread of a server then gets one task for the event, which hands its bytes
 * to every stream of that thread with room for them; each stream's demand is renewed there too,
 * when it has written. A stream that subscribed through an operator of the user's (a map, a
 * filter, a first comment) gets its events from a worker instead, one task an I/O thread as
 * well, because the operator is user code; what it passes on unchanged is still encoded once
 * for all such streams, by the first to need it. Any other subscriber (not a Sluice stream) is
 * delivered to on the builder's {@link Builder#executor executor}.
 *
 * @param <T> the type of the events' data
 */
public final class SseBroadcaster<T> {
  /** The event name that tells a client its {@code Last-Event-ID} is no longer in the history. */
  public static final String HISTORY_LOST_EVENT = "sluice-history-lost";

  private final int capacity;
  private final long maxAgeNanos;
  private final SlowClientPolicy<? super T> policy;
  private final Executor executor;
  private final String idPrefix = Long.toString(System.currentTimeMillis(), 36) + "-";

  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicReferenceArray<Entry<T>> ring;
  /** The seq the next event gets; written under the lock. */
  private volatile long head;
  /** The oldest seq still retained; moved before its slot is reused, under the lock. */
  private volatile long tail;
  private final Map<String, Long> seqById = new HashMap<>();
  private final Map<Object, Long> newestByKey = new ConcurrentHashMap<>();
  /** Subscribers by the thread that delivers to them: an I/O thread, a worker, the executor. */
  private final ConcurrentMap<GroupKey, Group> groups = new ConcurrentHashMap<>();
  /** The encoders of the streams subscribed directly, each with how many use it. */
  private final ConcurrentMap<SseEncoder<?>, Integer> encoders = new ConcurrentHashMap<>();
  private final AtomicInteger subscribers = new AtomicInteger();

  private SseBroadcaster(Builder<T> builder, SlowClientPolicy<? super T> policy) {
    this.capacity = builder.maxEvents;
    this.maxAgeNanos = builder.maxAge.toNanos();
    this.policy = policy;
    this.executor = builder.executor;
    this.ring = new AtomicReferenceArray<>(capacity);
  }

  /**
   * A broadcaster keeping the last 1024 events of the last 10 minutes, which disconnects a
   * subscriber 512 events behind for 10 seconds (it resumes from the history).
   */
  public static <T> SseBroadcaster<T> create() {
    return new Builder<T>().build();
  }

  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /** Publishes {@code data} as an event with the next id. */
  public SseEvent<T> publish(T data) {
    return publish(SseEvent.of(data));
  }

  /**
   * Publishes {@code event}: with its own id if it has one, else the next id.
   *
   * @return the event as subscribers get it, with its id
   */
  public SseEvent<T> publish(SseEvent<T> event) {
    Objects.requireNonNull(event, "event");
    Entry<T> entry;
    // Subscribers stop at an entry until it is ready, so that no I/O thread encodes it.
    lock.lock();
    try {
      long seq = head;
      long now = System.nanoTime();
      SseEvent<T> stored = event.forBroadcast(event.id() != null ? event.id() : idPrefix + seq);
      Object key = policy.kind() == SlowClientPolicy.Kind.LATEST_PER_KEY
          ? policy.keyOf(event.data()) : null;
      entry = new Entry<>(seq, stored, now, key);
      if (seq - tail >= capacity) {
        evictOldest(); // readers see the new tail before the slot changes under them
      }
      ring.set(slot(seq), entry);
      seqById.put(stored.id(), seq);
      if (key != null) {
        newestByKey.put(key, seq);
      }
      head = seq + 1;
      evictAged(now);
    } finally {
      lock.unlock();
    }
    for (SseEncoder<?> encoder : encoders.keySet()) {
      EncodeAhead.encode(encoder, entry.event);
    }
    entry.ready = true;
    for (Group group : groups.values()) {
      group.signal();
    }
    return entry.event;
  }

  /**
   * A publisher of the events after {@code lastEventId}: the retained ones first, then live
   * ones. With a null id only live events; with an id the history no longer holds, an event
   * named {@value #HISTORY_LOST_EVENT} first. Each {@code subscribe} call on the returned
   * publisher starts from the history as it is at that moment.
   */
  public Flow.Publisher<SseEvent<T>> subscribe(String lastEventId) {
    return subscriber -> {
      Objects.requireNonNull(subscriber, "subscriber");
      StreamFeedback stream = subscriber instanceof StreamFeedback
          ? (StreamFeedback) subscriber
          : StreamFeedback.subscribing();
      boolean direct = stream != null && stream == subscriber;
      if (direct) {
        addEncoder(stream.encoder()); // before the history position is taken: see addEncoder
      }
      Subscription subscription = direct
          ? new DirectSubscription(subscriber, stream, lastEventId)
          : new Subscription(subscriber, stream, lastEventId);
      subscriber.onSubscribe(subscription); // rule 1.9: before any other signal
      if (!subscription.done) {
        subscription.join();
        subscription.drain(); // events published before the join reach it here
      }
    };
  }

  /** Subscribers now; each is a stream open on some endpoint. */
  public int subscriberCount() {
    return subscribers.get();
  }

  /** Keys whose newest event the history still holds (latest-per-key policy); for tests. */
  int trackedKeys() {
    return newestByKey.size();
  }

  /** Threads delivering to subscribers now; for tests. */
  int deliveryGroups() {
    return groups.size();
  }

  /** Encoders the direct subscribers' streams use; for tests. */
  int encodersInUse() {
    return encoders.size();
  }

  private int slot(long seq) {
    return (int) (seq % capacity);
  }

  /** Under the lock. */
  private void evictOldest() {
    long seq = tail;
    tail = seq + 1;
    Entry<T> old = ring.get(slot(seq));
    if (old != null) {
      seqById.remove(old.event.id(), old.seq);
      if (old.key != null) {
        newestByKey.remove(old.key, old.seq); // the key's newest event leaves the history
      }
    }
  }

  /** Under the lock. */
  private void evictAged(long now) {
    while (tail < head) {
      Entry<T> oldest = ring.get(slot(tail));
      if (oldest != null && now - oldest.publishedNanos <= maxAgeNanos) {
        return;
      }
      evictOldest();
    }
  }

  /** Under the lock: where a client that saw {@code lastEventId} resumes, or -1 if lost. */
  private long resumeAfter(String lastEventId) {
    evictAged(System.nanoTime());
    if (lastEventId == null) {
      return head;
    }
    Long seq = seqById.get(lastEventId);
    if (seq == null) {
      seq = ownSeq(lastEventId);
    }
    // Having seen the event just before the oldest retained one, a client has lost nothing.
    return seq != null && seq >= tail - 1 && seq < head ? seq + 1 : -1;
  }

  /** The seq in an id this broadcaster made (its prefix, then the seq), or null. */
  private Long ownSeq(String id) {
    if (!id.startsWith(idPrefix)) {
      return null;
    }
    try {
      return Long.parseLong(id, idPrefix.length(), id.length(), 10);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Counts a stream's encoder in, and if it is new here, encodes the history for it: the events
   * published from now on are encoded for it by {@code publish}.
   */
  private void addEncoder(SseEncoder<?> encoder) {
    boolean[] added = new boolean[1];
    encoders.compute(encoder, (e, users) -> {
      added[0] = users == null;
      return users == null ? 1 : users + 1;
    });
    if (added[0]) {
      for (long seq = tail, end = head; seq < end; seq++) {
        Entry<T> entry = ring.get(slot(seq));
        if (entry != null && entry.seq == seq) {
          EncodeAhead.encode(encoder, entry.event);
        }
      }
    }
  }

  private void removeEncoder(SseEncoder<?> encoder) {
    encoders.computeIfPresent(encoder, (e, users) -> users == 1 ? null : users - 1);
  }

  private static final class Entry<T> {
    final long seq;
    final SseEvent<T> event;
    final long publishedNanos;
    final Object key;
    /** Encoded for the direct subscribers' encoders: until then, subscribers stop before it. */
    volatile boolean ready;

    Entry(long seq, SseEvent<T> event, long publishedNanos, Object key) {
      this.seq = seq;
      this.event = event;
      this.publishedNanos = publishedNanos;
      this.key = key;
    }
  }

  /** Which thread delivers to a group: an executor, and whether it stands in for an I/O thread. */
  private record GroupKey(Executor thread, boolean onWorker) {}

  /**
   * The subscribers one thread delivers to. A published event signals the group once, and the
   * thread then drains every member: one task per event for all of them, never two at a time.
   */
  private final class Group {
    private final Executor executor;
    private final Set<Subscription> members = ConcurrentHashMap.newKeySet();
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
          // Its thread stops with its server, whose streams end with it: nothing to deliver,
          // and nothing the publisher should hear of. The next signal tries again.
          work.set(0);
        }
      }
    }

    private void run() {
      int missed = 1;
      do {
        for (Subscription member : members) {
          member.drain();
        }
        missed = work.addAndGet(-missed);
      } while (missed != 0);
    }
  }

  /**
   * A subscriber that is a Sluice stream itself: the I/O thread that writes it delivers to it and
   * renews its demand, as its events come encoded for its encoder by {@code publish}.
   */
  private final class DirectSubscription extends Subscription implements InlineDemand {
    DirectSubscription(Flow.Subscriber<? super SseEvent<T>> subscriber, StreamFeedback stream,
        String lastEventId) {
      super(subscriber, stream, lastEventId);
    }

    @Override
    GroupKey groupKey() {
      return new GroupKey(stream.ioThread(), false);
    }

    @Override
    void left() {
      removeEncoder(stream.encoder());
    }
  }

  /** One subscriber's place in the history. Its signals are serialized by a drain loop. */
  private class Subscription implements Flow.Subscription {
    private final Flow.Subscriber<? super SseEvent<T>> subscriber;
    /** The stream fed, through the user's operator if this is not it; null if none. */
    final StreamFeedback stream;
    private final AtomicInteger membership = new AtomicInteger(); // 0 new, 1 member, 2 gone
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean done;
    /** A request(n <= 0) to answer with onError from inside the drain loop (rule 3.9). */
    private volatile long invalidRequest;
    // Drain loop only.
    private long cursor;
    private SseEvent<T> notice;
    private long behindSince = -1;

    Subscription(Flow.Subscriber<? super SseEvent<T>> subscriber, StreamFeedback stream,
        String lastEventId) {
      this.subscriber = subscriber;
      this.stream = stream;
      lock.lock();
      try {
        long resume = resumeAfter(lastEventId);
        cursor = resume >= 0 ? resume : head;
        if (resume < 0) {
          notice = historyLost(lastEventId, idPrefix + (head - 1));
        }
      } finally {
        lock.unlock();
      }
      if (notice != null) {
        BroadcastLog.historyLost(); // outside the lock: a log line may block on its handler
      }
    }

    /**
     * The notice carries the id of the newest event the client is now past, so that a client
     * that reconnects after it resumes there instead of getting the notice again.
     */
    @SuppressWarnings("unchecked") // forced-JSON data is written whatever T is; see class doc
    private SseEvent<T> historyLost(String lastEventId, String resumeId) {
      return (SseEvent<T>) SseEvent.builder().event(HISTORY_LOST_EVENT).id(resumeId)
          .json(lastEventId).build();
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

    /** Where this subscriber's events are delivered: see the class comment. */
    GroupKey groupKey() {
      return stream == null
          ? new GroupKey(executor, false)
          : new GroupKey(stream.ioThread(), true); // the user's operator runs on a worker
    }

    /** Once it has left. */
    void left() {}

    /** Joins the group that delivers to it, unless it has ended meanwhile. */
    void join() {
      if (!membership.compareAndSet(0, 1)) {
        return;
      }
      GroupKey key = groupKey();
      Executor thread = key.onWorker() ? stream.worker() : key.thread();
      groups.compute(key, (k, existing) -> {
        Group joined = existing != null ? existing : new Group(thread);
        joined.members.add(this);
        return joined;
      });
      subscribers.incrementAndGet();
      if (done) {
        leave(); // cancelled while joining: the cancel may have found no group to leave
      }
    }

    /** Leaves its group, once, whether or not it joined one. */
    void leave() {
      int was = membership.getAndSet(2);
      if (was == 2) {
        return;
      }
      if (was == 1) {
        groups.computeIfPresent(groupKey(), (k, current) -> {
          current.members.remove(this);
          return current.members.isEmpty() ? null : current;
        });
        subscribers.decrementAndGet();
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
        terminate(new IllegalArgumentException("Flow.Subscription.request needs a positive"
            + " number (rule 3.9), got " + (invalidRequest == -1 ? 0 : invalidRequest)));
        return;
      }
      if (notice != null && requested.get() > 0) {
        requested.decrementAndGet();
        SseEvent<T> lost = notice;
        notice = null;
        subscriber.onNext(lost);
      }
      while (!done) {
        long end = head;
        long oldest = tail;
        if (cursor < oldest) {
          if (policy.kind() == SlowClientPolicy.Kind.DISCONNECT) {
            disconnectSlow("fell behind the broadcast's history");
            return;
          }
          dropped(oldest - cursor);
          cursor = oldest;
        }
        if (!keepUp(end)) {
          return;
        }
        if (notice != null || cursor >= end || requested.get() == 0) {
          return; // the policy is applied above even while the notice waits for demand
        }
        Entry<T> entry = ring.get(slot(cursor));
        if (entry == null || entry.seq != cursor) {
          continue; // evicted just now: the tail has moved past it
        }
        if (!entry.ready) {
          return; // its publisher signals every group once it is encoded
        }
        cursor++;
        if (entry.key != null && newestByKey.getOrDefault(entry.key, entry.seq) > entry.seq) {
          dropped(1); // a newer event of the same key is on its way
          continue;
        }
        requested.decrementAndGet();
        subscriber.onNext(entry.event);
      }
    }

    /** Applies the policy to how far behind we are; false when the subscription ended. */
    private boolean keepUp(long end) {
      long behind = end - cursor;
      switch (policy.kind()) {
        case DISCONNECT:
          // Behind while its connection drains, a subscriber waits on the server, not on its
          // client: only a connection that holds bytes its client does not take runs the clock.
          if (behind <= policy.maxQueued()
              || stream != null && stream.backedUpSince() == 0) {
            behindSince = -1;
          } else if (behindSince < 0) {
            behindSince = System.nanoTime();
          } else if (System.nanoTime() - behindSince > policy.grace().toNanos()) {
            disconnectSlow(
                "stayed " + behind + " events behind for longer than " + policy.grace());
            return false;
          }
          return true;
        case DROP_OLDEST:
          if (behind > policy.maxQueued()) {
            dropped(behind - policy.maxQueued());
            cursor = end - policy.maxQueued();
          }
          return true;
        default:
          return true;
      }
    }

    private void dropped(long events) {
      if (stream != null) {
        stream.dropped(events);
      }
    }

    private void disconnectSlow(String why) {
      BroadcastLog.slowSubscriberDisconnected(why);
      terminate(new SlowClientException(why));
    }

    private void terminate(Throwable error) {
      done = true;
      leave();
      subscriber.onError(error);
    }
  }

  /**
   * Configures an {@link SseBroadcaster}.
   *
   * @param <T> the type of the events' data
   */
  public static final class Builder<T> {
    private int maxEvents = 1024;
    private Duration maxAge = Duration.ofMinutes(10);
    /** Null until set: the default then fits the history, see {@link #build()}. */
    private SlowClientPolicy<? super T> policy;
    private Executor executor = ForkJoinPool.commonPool();

    private Builder() {}

    /**
     * Where events are delivered to subscribers that are not a Sluice stream (one of your own,
     * in a test say), serially for each subscriber; default {@link ForkJoinPool#commonPool()}.
     * {@code Runnable::run} delivers on the thread that publishes or requests. Sluice's own
     * streams are delivered to by their server's threads, whatever this is.
     */
    public Builder<T> executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Keeps at most {@code maxEvents} events, none older than {@code maxAge}, for replay. */
    public Builder<T> history(int maxEvents, Duration maxAge) {
      if (maxEvents < 1) {
        throw new IllegalArgumentException("history needs at least 1 event, got " + maxEvents);
      }
      Objects.requireNonNull(maxAge, "maxAge");
      if (maxAge.isNegative() || maxAge.isZero()) {
        throw new IllegalArgumentException("history maxAge must be positive: " + maxAge);
      }
      this.maxEvents = maxEvents;
      this.maxAge = maxAge;
      return this;
    }

    /**
     * What to do with subscribers that fall behind; default {@code disconnect(n, 10 s)} with
     * n = 512, or the history's size when smaller.
     */
    public Builder<T> slowClients(SlowClientPolicy<? super T> policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * @throws IllegalArgumentException if the policy lets subscribers fall further behind than
     *     the history reaches
     */
    public SseBroadcaster<T> build() {
      SlowClientPolicy<? super T> chosen = policy != null
          ? policy
          : SlowClientPolicy.disconnect(Math.min(512, maxEvents), Duration.ofSeconds(10));
      if (chosen.kind() != SlowClientPolicy.Kind.LATEST_PER_KEY
          && chosen.maxQueued() > maxEvents) {
        throw new IllegalArgumentException("The slow-client policy allows " + chosen.maxQueued()
            + " events behind, but the history keeps only " + maxEvents
            + "; keep at least as many events as a subscriber may be behind");
      }
      return new SseBroadcaster<>(this, chosen);
    }
  }
}
