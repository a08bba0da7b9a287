package dev.sluice;

import dev.sluice.internal.broadcast.Broadcast;
import dev.sluice.internal.broadcast.HistoryLost;
import dev.sluice.spi.BroadcastJournal;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.ForkJoinPool;

/**
 * One producer fanned out to many event streams, with a bounded history for clients that reconnect.
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
 * instead of being told again. The event stream then continues live.
 *
 * <p>All subscribers read one shared history (a ring of at most {@code maxEvents}, none older than
 * {@code maxAge}), so memory does not grow with subscribers; each event is encoded once for all of
 * them. A subscriber that falls behind is handled by the {@link SlowClientPolicy}.
 *
 * <p>Thread-safe. {@code publish} encodes the event for the event streams subscribed (once each way
 * they encode it, on the calling thread), then returns: it never walks the subscribers nor waits
 * for one. Each I/O thread of a server then gets one task for the event, which hands its bytes to
 * every event stream of that thread with room for them; each event stream's demand is renewed there
 * too, when it has written. An event stream that subscribed through an operator of the user's (a
 * map, a filter, a first comment) gets its events from a worker instead, one task an I/O thread as
 * well, because the operator is user code; what it passes on unchanged is still encoded once for
 * all such event streams, by the first to need it. Any other subscriber (not a Sluice event stream)
 * is delivered to on the builder's {@link Builder#executor executor}.
 *
 * <p><b>On a journal.</b> With {@link Builder#journal(BroadcastJournal)} the events live in a
 * journal outside the JVM (Redis Streams with {@code sluice-redis}), shared by the broadcasters of
 * every node: an event published on any node reaches the subscribers of all of them, in one order,
 * with the journal's ids. Endpoints do not change. {@code publish} appends to the journal and
 * returns once the journal has taken the event (or throws {@link PublishException}); each node
 * follows the journal, keeps its own history of what it followed, and fans out from it as above. A
 * {@code Last-Event-ID} that this node's history holds resumes from it; any other (a client that
 * moved from another node, or one older than this node's history) is replayed from the journal,
 * then the event stream joins this node's history with no gap and no duplicate. An id the journal
 * does not hold gets the {@value #HISTORY_LOST_EVENT} notice first, as above, and so does every
 * subscriber when the journal could not be followed without a gap (it was trimmed or recreated
 * while this node was away). Events published on a journal carry no id of their own.
 *
 * @param <T> the type of the events' data
 */
public final class SseBroadcaster<T> implements AutoCloseable {
  /** The event name that tells a client its {@code Last-Event-ID} is no longer in the history. */
  public static final String HISTORY_LOST_EVENT = HistoryLost.EVENT;

  private final Broadcast<T> broadcast;

  private SseBroadcaster(Broadcast<T> broadcast) {
    this.broadcast = broadcast;
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
    return broadcast.publish(event);
  }

  /**
   * A publisher of the events after {@code lastEventId}: the retained ones first, then live ones.
   * With a null id only live events; with an id the history no longer holds, an event named {@value
   * #HISTORY_LOST_EVENT} first. Each {@code subscribe} call on the returned publisher starts from
   * the history as it is at that moment.
   */
  public Flow.Publisher<SseEvent<T>> subscribe(String lastEventId) {
    return broadcast.subscribe(lastEventId);
  }

  /** Subscribers now; each is an event stream open on some endpoint. */
  public int subscriberCount() {
    return broadcast.subscriberCount();
  }

  /** This broadcaster now: subscribers, history, and its journal's connection if it has one. */
  public BroadcastStats stats() {
    return broadcast.stats();
  }

  /**
   * Stops following the journal and closes its connections; {@code publish} fails from then on.
   * Subscribers stay subscribed, with nothing more to get: closing their server ends them. An
   * in-memory broadcaster has nothing to close.
   */
  @Override
  public void close() {
    broadcast.close();
  }

  /** Keys whose newest event the history still holds (latest-per-key policy); for tests. */
  int trackedKeys() {
    return broadcast.trackedKeys();
  }

  /** Threads delivering to subscribers now; for tests. */
  int deliveryGroups() {
    return broadcast.deliveryGroups();
  }

  /** Encoders the direct subscribers' event streams use; for tests. */
  int encodersInUse() {
    return broadcast.encodersInUse();
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
     * Where events are delivered to subscribers that are not a Sluice event stream (one of your
     * own, in a test say), serially for each subscriber; default {@link ForkJoinPool#commonPool()}.
     * {@code Runnable::run} delivers on the thread that publishes or requests. Sluice's own event
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
      return new SseBroadcaster<>(
          Broadcast.create(maxEvents, maxAge, chosen.rule(), executor, journal));
    }
  }
}
