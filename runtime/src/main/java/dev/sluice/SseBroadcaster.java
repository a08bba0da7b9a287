package dev.sluice;

import dev.sluice.encode.SseEncoder;
import dev.sluice.internal.BroadcastLog;
import dev.sluice.internal.EncodeAhead;
import dev.sluice.internal.InlineDemand;
import dev.sluice.internal.StreamFeedback;
import dev.sluice.spi.BroadcastJournal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
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
 * <p>Every published event gets an id (unless it carries one): increasing, and prefixed with this
 * broadcaster's start time, so that an id from before a restart is not mistaken for one after it.
 * {@link #subscribe(String)} replays every retained event after the given id, then continues live,
 * with no gap and no duplicate even when {@code publish} races with it. An id the history no longer
 * holds (too old, unknown, or from before a restart) first gets the client an event named {@value
 * #HISTORY_LOST_EVENT} whose data is that id as a JSON string, so the page can reload its state;
 * the notice carries the id of the newest event, so that the client's next reconnect resumes there
 * instead of being told again. The stream then continues live.
 *
 * <p>All subscribers read one shared history (a ring of at most {@code maxEvents}, none older than
 * {@code maxAge}), so memory does not grow with subscribers; each event is encoded once for all of
 * them. A subscriber that falls behind is handled by the {@link SlowClientPolicy}.
 *
 * <p>Thread-safe. {@code publish} encodes the event for the streams subscribed (once each way they
 * encode it, on the calling thread), then returns: it never walks the subscribers nor waits for
 * one. Each I/O thread of a server then gets one task for the event, which hands its bytes to every
 * stream of that thread with room for them; each stream's demand is renewed there too, when it has
 * written. A stream that subscribed through an operator of the user's (a map, a filter, a first
 * comment) gets its events from a worker instead, one task an I/O thread as well, because the
 * operator is user code; what it passes on unchanged is still encoded once for all such streams, by
 * the first to need it. Any other subscriber (not a Sluice stream) is delivered to on the builder's
 * {@link Builder#executor executor}.
 *
 * <p><b>On a journal.</b> With {@link Builder#journal(BroadcastJournal)} the events live in a
 * journal outside the JVM (Redis Streams with {@code sluice-redis}), shared by the broadcasters of
 * every node: an event published on any node reaches the subscribers of all of them, in one order,
 * with the journal's ids. Endpoints do not change. {@code publish} appends to the journal and
 * returns once the journal has taken the event (or throws {@link PublishException}); each node
 * follows the journal, keeps its own history of what it followed, and fans out from it as above. A
 * {@code Last-Event-ID} that this node's history holds resumes from it; any other (a client that
 * moved from another node, or one older than this node's history) is replayed from the journal,
 * then the stream joins this node's history with no gap and no duplicate. An id the journal does
 * not hold gets the {@value #HISTORY_LOST_EVENT} notice first, as above, and so does every
 * subscriber when the journal could not be followed without a gap (it was trimmed or recreated
 * while this node was away). Events published on a journal carry no id of their own.
 *
 * @param <T> the type of the events' data
 */
public final class SseBroadcaster<T> implements AutoCloseable {
  /** The event name that tells a client its {@code Last-Event-ID} is no longer in the history. */
  public static final String HISTORY_LOST_EVENT = "sluice-history-lost";

  /** Events asked of the journal at a time while replaying it for one subscriber. */
  private static final int REPLAY_PAGE = 128;

  private static final long MIN_REPLAY_RETRY_MILLIS = 100;
  private static final long MAX_REPLAY_RETRY_MILLIS = 5_000;

  /** A replay's answer when the journal does not hold the id. */
  private static final Object UNKNOWN = new Object();

  private final int capacity;
  private final long maxAgeNanos;
  private final SlowClientPolicy<? super T> policy;
  private final Executor executor;
  private final String idPrefix = Long.toString(System.currentTimeMillis(), 36) + "-";

  /** Where the events live and come from, or null: in memory, with ids of this broadcaster's. */
  private final BroadcastJournal<T> journal;

  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicReferenceArray<Entry<T>> ring;

  /** The seq the next event gets; written under the lock. */
  private volatile long head;

  /** The oldest seq still retained; moved before its slot is reused, under the lock. */
  private volatile long tail;

  /**
   * On a journal: the id of the newest entry followed, or where following started; under the lock.
   * Null before the journal says where it starts, and always for an in-memory broadcaster.
   */
  private String followedThrough;

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
    this.journal = builder.journal;
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
   * Publishes {@code event}: with its own id if it has one, else the next id. On a journal, appends
   * it there and returns once the journal has taken it; subscribers get it once this node follows
   * it, as an equal event.
   *
   * @return the event as subscribers get it, with its id
   * @throws PublishException on a journal, if the journal did not take the event (unreachable,
   *     failed, or no answer within its timeout)
   * @throws IllegalArgumentException on a journal, if the event carries an id: the journal gives
   *     ids
   */
  public SseEvent<T> publish(SseEvent<T> event) {
    Objects.requireNonNull(event, "event");
    Object key = keyOf(event.data());
    if (journal != null) {
      return appendToJournal(event, key);
    }
    Entry<T> entry;
    // Subscribers stop at an entry until it is ready, so that no I/O thread encodes it.
    lock.lock();
    try {
      String id = event.id() != null ? event.id() : idPrefix + head;
      entry = append(event.forBroadcast(id), key, null);
    } finally {
      lock.unlock();
    }
    deliver(entry);
    return entry.event;
  }

  private SseEvent<T> appendToJournal(SseEvent<T> event, Object key) {
    if (event.id() != null) {
      throw new IllegalArgumentException(
          "A broadcaster on a journal takes its ids from the"
              + " journal; publish the event without an id, got "
              + event.id());
    }
    String id;
    try {
      id = journal.append(event, key == null ? null : key.toString());
    } catch (PublishException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new PublishException("The broadcast's journal failed to append the event", e);
    }
    return event.forBroadcast(id);
  }

  private Object keyOf(T data) {
    return policy.kind() == SlowClientPolicy.Kind.LATEST_PER_KEY ? policy.keyOf(data) : null;
  }

  /** Under the lock: adds {@code stored} to the history as its newest entry. */
  private Entry<T> append(SseEvent<T> stored, Object key, String lostAfter) {
    long seq = head;
    long now = System.nanoTime();
    Entry<T> entry = new Entry<>(seq, stored, now, key, followedThrough, lostAfter);
    if (seq - tail >= capacity) {
      evictOldest(); // readers see the new tail before the slot changes under them
    }
    ring.set(slot(seq), entry);
    seqById.put(stored.id(), seq);
    if (key != null) {
      newestByKey.put(key, seq);
    }
    head = seq + 1;
    if (journal != null) {
      followedThrough = stored.id();
    }
    evictAged(now);
    return entry;
  }

  /** Encodes a new entry ahead for the direct subscribers, then lets every group deliver it. */
  private void deliver(Entry<T> entry) {
    for (SseEncoder<?> encoder : encoders.keySet()) {
      EncodeAhead.encode(encoder, entry.event);
    }
    entry.ready = true;
    for (Group group : groups.values()) {
      group.signal();
    }
  }

  /**
   * A publisher of the events after {@code lastEventId}: the retained ones first, then live ones.
   * With a null id only live events; with an id the history no longer holds, an event named {@value
   * #HISTORY_LOST_EVENT} first. Each {@code subscribe} call on the returned publisher starts from
   * the history as it is at that moment.
   */
  public Flow.Publisher<SseEvent<T>> subscribe(String lastEventId) {
    return subscriber -> {
      Objects.requireNonNull(subscriber, "subscriber");
      StreamFeedback stream =
          subscriber instanceof StreamFeedback
              ? (StreamFeedback) subscriber
              : StreamFeedback.subscribing();
      boolean direct = stream != null && stream == subscriber;
      if (direct) {
        addEncoder(stream.encoder()); // before the history position is taken: see addEncoder
      }
      Subscription subscription =
          direct
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

  /** This broadcaster now: subscribers, history, and its journal's connection if it has one. */
  public BroadcastStats stats() {
    int retained;
    String newest;
    lock.lock();
    try {
      evictAged(System.nanoTime());
      retained = (int) (head - tail);
      newest = head > tail ? ring.get(slot(head - 1)).event.id() : followedThrough;
    } finally {
      lock.unlock();
    }
    return new BroadcastStats(
        subscribers.get(), retained, newest, journal == null ? null : journal.status());
  }

  /**
   * Stops following the journal and closes its connections; {@code publish} fails from then on.
   * Subscribers stay subscribed, with nothing more to get: closing their server ends them. An
   * in-memory broadcaster has nothing to close.
   */
  @Override
  public void close() {
    if (journal != null) {
      journal.close();
    }
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

  /** Under the lock, on a journal: the first seq whose id comes after {@code id}, or head. */
  private long firstAfter(String id) {
    long low = tail;
    long high = head;
    while (low < high) { // ids increase with seqs: the feed appends in journal order
      long mid = (low + high) >>> 1;
      if (journal.compare(ring.get(slot(mid)).event.id(), id) <= 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
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
    encoders.compute(
        encoder,
        (e, users) -> {
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

    /** On a journal: the id followed just before this entry (its predecessor there), or null. */
    final String previousId;

    /** On a journal: the last id before a gap that this entry follows, or null. */
    final String lostAfter;

    /** Encoded for the direct subscribers' encoders: until then, subscribers stop before it. */
    volatile boolean ready;

    Entry(
        long seq,
        SseEvent<T> event,
        long publishedNanos,
        Object key,
        String previousId,
        String lostAfter) {
      this.seq = seq;
      this.event = event;
      this.publishedNanos = publishedNanos;
      this.key = key;
      this.previousId = previousId;
      this.lostAfter = lostAfter;
    }
  }

  /**
   * What the journal follows, into this node's history. The journal calls it from one thread at a
   * time.
   */
  private final class JournalFeed implements BroadcastJournal.Feed<T> {
    /** The last id before a gap, until the entry after the gap arrives; feed thread only. */
    private String lostAfter;

    @Override
    public void following(String position) {
      Objects.requireNonNull(position, "position");
      lock.lock();
      try {
        if (followedThrough == null) {
          followedThrough = position;
        }
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void accept(BroadcastJournal.Entry<T> journaled) {
      SseEvent<T> stored = journaled.event().forBroadcast(journaled.id());
      // As stored, so that every node keys an event alike; computed for entries without one.
      Object key = null;
      if (policy.kind() == SlowClientPolicy.Kind.LATEST_PER_KEY) {
        Object own = journaled.key() != null ? journaled.key() : keyOf(stored.data());
        key = own == null ? null : own.toString();
      }
      Entry<T> entry;
      lock.lock();
      try {
        entry = append(stored, key, lostAfter);
      } finally {
        lock.unlock();
      }
      lostAfter = null;
      deliver(entry);
    }

    @Override
    public void lost(String lastId) {
      if (lostAfter == null) {
        lostAfter = Objects.requireNonNull(lastId, "lastId");
      }
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
    DirectSubscription(
        Flow.Subscriber<? super SseEvent<T>> subscriber,
        StreamFeedback stream,
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

    /** Where a subscriber without a last id joined: a gap before it is not its loss. */
    private long liveFrom = -1;

    /** The seq of the entry whose gap notice this subscriber got. */
    private long gapNoticed = -1;

    /** On a journal: entries up to this id were replayed from the journal, and are skipped here. */
    private String skipThrough;

    /** On a journal: the replay of an id this node's history does not hold, until it joins it. */
    private JournalReplay replay;

    Subscription(
        Flow.Subscriber<? super SseEvent<T>> subscriber,
        StreamFeedback stream,
        String lastEventId) {
      this.subscriber = subscriber;
      this.stream = stream;
      lock.lock();
      try {
        if (journal != null) {
          resumeOnJournal(lastEventId);
          return;
        }
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

    /** Under the lock: from this node's history if it can, else from the journal. */
    private void resumeOnJournal(String lastEventId) {
      evictAged(System.nanoTime());
      Long seq = lastEventId == null ? null : seqById.get(lastEventId);
      if (seq != null) {
        cursor = seq + 1;
      } else if (lastEventId == null || lastEventId.equals(followedThrough)) {
        cursor = head;
        liveFrom = lastEventId == null ? head : -1;
      } else {
        replay = new JournalReplay(lastEventId);
      }
    }

    /**
     * The notice carries the id of the newest event the client is now past, so that a client that
     * reconnects after it resumes there instead of getting the notice again.
     */
    @SuppressWarnings("unchecked") // forced-JSON data is written whatever T is; see class doc
    private SseEvent<T> historyLost(String lastEventId, String resumeId) {
      SseEvent.Builder<String> notice =
          SseEvent.builder().event(HISTORY_LOST_EVENT).json(lastEventId);
      if (resumeId != null) { // null only on a journal that has not said where it starts yet
        notice.id(resumeId);
      }
      return (SseEvent<T>) notice.build();
    }

    /**
     * Replays, page by page, what the journal holds after an id that this node's history does not
     * have, until this node's history continues it. Drain loop only, but for {@link #arrived}.
     *
     * <p>Why the replay meets the history with no gap and no duplicate: it switches over in {@link
     * #joinHistory}, under the broadcaster's lock, which the feed holds to append. Say the
     * subscriber has had everything up to id A (from the page just delivered), and the history
     * holds seqs [tail, head), followed through id F. If A is at or past F, the feed will append
     * every entry after F, in journal order, from head on: the subscriber reads from head and skips
     * those up to A, which it has had. Otherwise let E be the first entry after A in the history:
     * every entry before E in the history is at or before A, and the journal has nothing strictly
     * between E's predecessor and E. If E's predecessor is in the history (E is not its oldest), or
     * is recorded as at or before A, nothing lies between A and E either: the subscriber reads from
     * E. If not, the history no longer reaches back to A: the journal is read on from A. Entries
     * the feed appends meanwhile land after head and change none of this. So each entry after A
     * reaches the subscriber once, from the journal or from the history, in journal order.
     */
    private final class JournalReplay {
      private final String lastEventId;

      /** The id of the last event replayed, or the client's last id while none is. */
      private String after;

      private final ArrayDeque<SseEvent<T>> page = new ArrayDeque<>();

      /** The journal holds the client's last id: what follows it is complete. */
      private boolean validated;

      private boolean reading;
      private boolean lastPageEmpty;
      private int failures;

      /** A page as events, {@link #UNKNOWN}, or the read's failure; set by its completion. */
      private volatile Object arrived;

      JournalReplay(String lastEventId) {
        this.lastEventId = lastEventId;
        this.after = lastEventId;
      }

      /** Replays what it can; true once the subscriber reads this node's history instead. */
      @SuppressWarnings("unchecked") // arrived holds what arrive() put there
      boolean step() {
        while (!done) {
          Object result = arrived;
          if (result != null) {
            arrived = null;
            reading = false;
            if (result instanceof Throwable) {
              retryLater();
              return false;
            }
            if (result == UNKNOWN) {
              return lost();
            }
            List<SseEvent<T>> events = (List<SseEvent<T>>) result;
            failures = 0;
            validated = true;
            lastPageEmpty = events.isEmpty();
            page.addAll(events);
          }
          if (!page.isEmpty()) {
            if (requested.get() == 0) {
              return false;
            }
            SseEvent<T> event = page.poll();
            after = event.id();
            requested.decrementAndGet();
            subscriber.onNext(event);
            continue;
          }
          if (reading) {
            return false;
          }
          if (validated && joinHistory()) {
            replay = null;
            return true;
          }
          reading = true;
          read(after);
          return false;
        }
        return false;
      }

      /** See the class comment. */
      private boolean joinHistory() {
        lock.lock();
        try {
          evictAged(System.nanoTime());
          long first = firstAfter(after);
          boolean joins =
              followedThrough != null && journal.compare(after, followedThrough) >= 0
                  || first < head && (first > tail || follows(ring.get(slot(first)), after));
          // A journal with nothing after A while the history has more was recreated or trimmed
          // under us: what the history has after A is all there is.
          if (joins || lastPageEmpty) {
            cursor = first;
            skipThrough = after;
            return true;
          }
          return false;
        } finally {
          lock.unlock();
        }
      }

      private boolean follows(Entry<T> entry, String id) {
        return entry.previousId != null && journal.compare(entry.previousId, id) <= 0;
      }

      /** The client's id is unknown to the journal, or was trimmed from it while replaying. */
      private boolean lost() {
        if (validated && policy.kind() == SlowClientPolicy.Kind.DISCONNECT) {
          disconnectSlow("fell behind the broadcast's journal while replaying it");
          return false;
        }
        lock.lock();
        try {
          notice = historyLost(validated ? after : lastEventId, followedThrough);
          cursor = head;
          liveFrom = head;
        } finally {
          lock.unlock();
        }
        BroadcastLog.historyLost(); // as for an in-memory history, and outside the lock
        replay = null;
        return true;
      }

      private void retryLater() {
        reading = true;
        String from = after;
        long delay = Math.min(MAX_REPLAY_RETRY_MILLIS, MIN_REPLAY_RETRY_MILLIS << failures);
        failures = Math.min(failures + 1, 6);
        CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, deliveryThread())
            .execute(
                () -> {
                  if (!done) {
                    read(from);
                  }
                });
      }

      /** Asks the journal for the page after {@code from}; any thread. */
      private void read(String from) {
        CompletionStage<List<BroadcastJournal.Entry<T>>> pending;
        try {
          pending = journal.readAfter(from, REPLAY_PAGE);
        } catch (RuntimeException e) {
          pending = CompletableFuture.failedFuture(e);
        }
        pending.whenCompleteAsync(this::arrive, deliveryThread());
      }

      /** Where a page is taken in: off the journal's own threads, encoded ahead for a stream. */
      private void arrive(List<BroadcastJournal.Entry<T>> entries, Throwable error) {
        Object result;
        if (error != null) {
          result = error;
        } else if (entries == null) {
          result = UNKNOWN;
        } else {
          ArrayDeque<SseEvent<T>> events = new ArrayDeque<>(entries.size());
          for (BroadcastJournal.Entry<T> entry : entries) {
            SseEvent<T> event = entry.event().forBroadcast(entry.id());
            if (stream != null && (Object) stream == subscriber) {
              EncodeAhead.encode(stream.encoder(), event);
            }
            events.add(event);
          }
          result = List.copyOf(events);
        }
        arrived = result;
        drain();
      }

      private Executor deliveryThread() {
        return stream != null ? stream.worker() : executor;
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
      groups.compute(
          key,
          (k, existing) -> {
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
        groups.computeIfPresent(
            groupKey(),
            (k, current) -> {
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
        terminate(
            new IllegalArgumentException(
                "Flow.Subscription.request needs a positive"
                    + " number (rule 3.9), got "
                    + (invalidRequest == -1 ? 0 : invalidRequest)));
        return;
      }
      if (replay != null && !replay.step()) {
        return; // still replaying from the journal
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
        if (skipThrough != null) {
          if (journal.compare(entry.event.id(), skipThrough) <= 0) {
            cursor++; // replayed from the journal before this node followed it
            continue;
          }
          skipThrough = null;
        }
        if (entry.lostAfter != null && entry.seq != liveFrom && gapNoticed != entry.seq) {
          // The id is the last one before the gap: a client that reconnects with it resumes
          // there, from a node that has what this one lost, or is told again.
          gapNoticed = entry.seq;
          requested.decrementAndGet();
          subscriber.onNext(historyLost(entry.lostAfter, entry.lostAfter));
          continue;
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
          if (behind <= policy.maxQueued() || stream != null && stream.backedUpSince() == 0) {
            behindSince = -1;
          } else if (behindSince < 0) {
            behindSince = System.nanoTime();
          } else if (System.nanoTime() - behindSince > policy.grace().toNanos()) {
            disconnectSlow("stayed " + behind + " events behind for longer than " + policy.grace());
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
    private BroadcastJournal<T> journal;

    private Builder() {}

    /**
     * Keeps the events in {@code journal} instead of only in this JVM, so that the broadcasters of
     * every node on the same journal share them (see the class comment). {@link #build()} starts it
     * with this builder's history bounds, which the journal trims itself to; the broadcaster's
     * {@link SseBroadcaster#close()} closes it. A journal serves one broadcaster.
     */
    public Builder<T> journal(BroadcastJournal<T> journal) {
      this.journal = Objects.requireNonNull(journal, "journal");
      return this;
    }

    /**
     * Where events are delivered to subscribers that are not a Sluice stream (one of your own, in a
     * test say), serially for each subscriber; default {@link ForkJoinPool#commonPool()}. {@code
     * Runnable::run} delivers on the thread that publishes or requests. Sluice's own streams are
     * delivered to by their server's threads, whatever this is.
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
     * What to do with subscribers that fall behind; default {@code disconnect(n, 10 s)} with n =
     * 512, or the history's size when smaller.
     */
    public Builder<T> slowClients(SlowClientPolicy<? super T> policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * @throws IllegalArgumentException if the policy lets subscribers fall further behind than the
     *     history reaches
     */
    public SseBroadcaster<T> build() {
      SlowClientPolicy<? super T> chosen =
          policy != null
              ? policy
              : SlowClientPolicy.disconnect(Math.min(512, maxEvents), Duration.ofSeconds(10));
      if (chosen.kind() != SlowClientPolicy.Kind.LATEST_PER_KEY && chosen.maxQueued() > maxEvents) {
        throw new IllegalArgumentException(
            "The slow-client policy allows "
                + chosen.maxQueued()
                + " events behind, but the history keeps only "
                + maxEvents
                + "; keep at least as many events as a subscriber may be behind");
      }
      SseBroadcaster<T> broadcaster = new SseBroadcaster<>(this, chosen);
      if (journal != null) {
        journal.start(
            new BroadcastJournal.Retention(maxEvents, maxAge), broadcaster.new JournalFeed());
      }
      return broadcaster;
    }
  }
}
