package dev.sluice.spi;

import dev.sluice.BroadcastStats;
import dev.sluice.PublishException;
import dev.sluice.SseEvent;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Where an {@code SseBroadcaster}'s events live when they must outlive one JVM, or reach the
 * broadcasters of other nodes: an append-only journal with ids in one global order (a Redis stream,
 * a NATS JetStream stream, a Kafka partition). For engine modules such as {@code sluice-redis};
 * endpoints never see it.
 *
 * <pre>{@code
 * SseBroadcaster<Message> room = SseBroadcaster.<Message>builder()
 *     .history(500, Duration.ofHours(1))
 *     .journal(RedisStreamJournal.builder(redis, "chat:lobby", Message.class).build())
 *     .build();
 * }</pre>
 *
 * <p>A broadcaster on a journal publishes by {@link #append appending}, and hears of every entry,
 * its own included, from the journal's {@link Feed}: it appends each to its local history with the
 * journal's id and fans it out as the in-memory broadcaster does (encoded once per node), so every
 * node delivers the same events in the same order. A client's {@code Last-Event-ID} that the local
 * history holds resumes locally; any other is {@link #readAfter read from the journal}, page by
 * page, until the local history continues it.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #start} is called once, by {@code SseBroadcaster.Builder.build()}; a journal serves
 *       one broadcaster.
 *   <li>The feed gets {@link Feed#following} once, before any entry, then every entry after that
 *       position in journal order, each once, from one thread at a time. When the journal cannot
 *       tell that nothing was lost (it trimmed entries the feed had not delivered, or it was
 *       recreated), it calls {@link Feed#lost} before the next entry. Following survives outages of
 *       the engine: the journal reconnects (with a delay between attempts) and resumes after the
 *       last entry it delivered.
 *   <li>Ids are the journal's own, non-null, without CR, LF or NUL, and {@link #compare} orders
 *       them as the journal does.
 *   <li>{@link #append} returns within a bounded time or throws {@link PublishException}; it fails
 *       at once while the engine is unreachable.
 *   <li>{@link #readAfter} never blocks, and completes exceptionally when the engine cannot be read
 *       now (the broadcaster then tries again later).
 * </ul>
 *
 * <p>Thread-safe: {@code append}, {@code readAfter}, {@code compare} and {@code status} are called
 * from any thread.
 *
 * @param <T> the type of the events' data
 */
public interface BroadcastJournal<T> extends AutoCloseable {

  /**
   * Starts following the journal, from a position no later than its newest entry: every entry
   * appended from then on reaches the feed. A journal may start a little earlier, so that the
   * broadcaster's history begins with recent entries (at most the retention's).
   *
   * @param retention the broadcaster's history bounds, which appends should trim the journal to
   * @param feed where entries go
   */
  void start(Retention retention, Feed<T> feed);

  /**
   * Appends {@code event} (which carries no id) and returns the id the journal gave it.
   *
   * @param key the event's latest-per-key key as a string, stored with it; null if none
   * @throws PublishException if the event could not be appended within the journal's timeout, or
   *     the journal is unreachable (after a timeout, the event may still be appended)
   */
  String append(SseEvent<T> event, String key);

  /**
   * Reads at most {@code limit} entries after {@code id} (exclusive), in journal order. Completes
   * with null when the journal does not hold {@code id}: never had it, or no longer has it (older
   * than its first entry), so that what came after it cannot be known to be complete.
   */
  CompletionStage<List<Entry<T>>> readAfter(String id, int limit);

  /** Compares two ids of this journal in its order: negative if {@code a} comes first. */
  int compare(String a, String b);

  /** The journal's connection to its engine now; cheap enough to read every second. */
  BroadcastStats.Journal status();

  /** Stops following and releases the engine's connections; appends fail from then on. */
  @Override
  void close();

  /**
   * The broadcaster's history bounds: the journal keeps at least these (more is harmless).
   *
   * @param maxEvents events kept
   * @param maxAge age past which an event may be trimmed
   */
  record Retention(int maxEvents, Duration maxAge) {
    public Retention {
      Objects.requireNonNull(maxAge, "maxAge");
    }
  }

  /**
   * One entry of the journal.
   *
   * @param id the journal's id for it, sent to clients as the event's id
   * @param event the event as published, without an id
   * @param key its latest-per-key key as stored, or null
   */
  record Entry<T>(String id, SseEvent<T> event, String key) {
    public Entry {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(event, "event");
    }
  }

  /** Where a journal delivers what it follows. Called from one thread at a time. */
  interface Feed<T> {
    /** Entries after {@code position} (an id, or the journal's "before any entry") come next. */
    void following(String position);

    /** The next entry in journal order. */
    void accept(Entry<T> entry);

    /**
     * Entries after {@code lastId}, the last id delivered, may be gone: the next entry accepted
     * continues after a gap, and subscribers are told their history was lost.
     */
    void lost(String lastId);
  }
}
