package dev.sluice;

import dev.sluice.spi.StreamFeedback;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
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
 * <p>Thread-safe. {@code publish} never blocks on a subscriber: it delivers, on the calling
 * thread, to subscribers whose connections have room, and leaves the rest to catch up.
 *
 * @param <T> the type of the events' data
 */
public final class SseBroadcaster<T> {
  /** The event name that tells a client its {@code Last-Event-ID} is no longer in the history. */
  public static final String HISTORY_LOST_EVENT = "sluice-history-lost";

  private final int capacity;
  private final long maxAgeNanos;
  private final SlowClientPolicy<? super T> policy;
  private final String idPrefix = Long.toString(System.currentTimeMillis(), 36) + "-";

  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicReferenceArray<Entry<T>> ring;
  /** The seq the next event gets; written under the lock. */
  private volatile long head;
  /** The oldest seq still retained; moved before its slot is reused, under the lock. */
  private volatile long tail;
  private final Map<String, Long> seqById = new HashMap<>();
  private final Map<Object, Long> newestByKey = new ConcurrentHashMap<>();
  private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();

  private SseBroadcaster(Builder<T> builder, SlowClientPolicy<? super T> policy) {
    this.capacity = builder.maxEvents;
    this.maxAgeNanos = builder.maxAge.toNanos();
    this.policy = policy;
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
    for (Subscription subscription : subscriptions) {
      subscription.drain();
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
      Subscription subscription = new Subscription(subscriber, lastEventId);
      subscriber.onSubscribe(subscription); // rule 1.9: before any other signal
      if (!subscription.done) {
        subscriptions.add(subscription);
        subscription.drain(); // events published before the add reach it here
      }
    };
  }

  /** Subscribers now; each is a stream open on some endpoint. */
  public int subscriberCount() {
    return subscriptions.size();
  }

  /** Keys whose newest event the history still holds (latest-per-key policy); for tests. */
  int trackedKeys() {
    return newestByKey.size();
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

  private record Entry<T>(long seq, SseEvent<T> event, long publishedNanos, Object key) {}

  /** One subscriber's place in the history. Its signals are serialized by a drain loop. */
  private final class Subscription implements Flow.Subscription {
    private final Flow.Subscriber<? super SseEvent<T>> subscriber;
    private final StreamFeedback feedback;
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean done;
    /** A request(n <= 0) to answer with onError from inside the drain loop (rule 3.9). */
    private volatile long invalidRequest;
    // Drain loop only.
    private long cursor;
    private SseEvent<T> notice;
    private long behindSince = -1;

    Subscription(Flow.Subscriber<? super SseEvent<T>> subscriber, String lastEventId) {
      this.subscriber = subscriber;
      this.feedback = subscriber instanceof StreamFeedback ? (StreamFeedback) subscriber : null;
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
      subscriptions.remove(this);
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
            terminate(new SlowClientException("fell behind the broadcast's history"));
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
              || feedback != null && feedback.backedUpSince() == 0) {
            behindSince = -1;
          } else if (behindSince < 0) {
            behindSince = System.nanoTime();
          } else if (System.nanoTime() - behindSince > policy.grace().toNanos()) {
            terminate(new SlowClientException(
                "stayed " + behind + " events behind for longer than " + policy.grace()));
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
      if (feedback != null) {
        feedback.dropped(events);
      }
    }

    private void terminate(Throwable error) {
      done = true;
      subscriptions.remove(this);
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

    private Builder() {}

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
