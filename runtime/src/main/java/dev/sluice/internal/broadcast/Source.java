package dev.sluice.internal.broadcast;

import dev.sluice.BroadcastStats;
import dev.sluice.SseEvent;

/**
 * Where a broadcast's events come from, and so where a subscriber resumes: this JVM ({@link
 * InMemorySource}), or a journal shared by the broadcasts of every node ({@link JournalSource}).
 */
interface Source<T> extends AutoCloseable {
  /**
   * Publishes {@code event} (with latest-per-key {@code key}, or null).
   *
   * @return the event as subscribers get it, with its id
   */
  SseEvent<T> publish(SseEvent<T> event, Object key);

  /**
   * Places a new subscriber that saw {@code lastEventId} (null for none): its cursor, and a notice
   * or a replay where the history does not continue that id.
   */
  void start(BroadcastSubscription<T> subscription, String lastEventId);

  /** The id of the newest event followed, when the history holds none; null in memory. */
  String position();

  /** The journal's state, or null in memory. */
  BroadcastStats.Journal status();

  @Override
  void close();

  /** {@code event} with {@code id} instead of its own, or none; the caller's event is unchanged. */
  static <T> SseEvent<T> withId(SseEvent<T> event, String id) {
    SseEvent.Builder<T> copy = SseEvent.builder();
    if (event.data() != null) {
      copy = event.isJson() ? copy.json(event.data()) : copy.data(event.data());
    }
    if (event.event() != null) {
      copy.event(event.event());
    }
    if (event.retry() != null) {
      copy.retry(event.retry());
    }
    if (event.comment() != null) {
      copy.comment(event.comment());
    }
    return copy.id(id).build();
  }
}
