package dev.sluice.internal.broadcast;

import dev.sluice.SseEvent;

/**
 * The notice a subscriber gets when its {@code Last-Event-ID} is no longer in the history, or when
 * the history it reads has a gap: an event of its own name, whose data is the last id the client
 * had, as a JSON string, so that the page can reload its state.
 */
public final class HistoryLost {
  /** The notice's event name. */
  public static final String EVENT = "sluice-history-lost";

  private HistoryLost() {}

  /**
   * The notice carries the id of the newest event the client is now past, so that a client that
   * reconnects after it resumes there instead of getting the notice again.
   *
   * @param resumeId null only on a journal that has not said where it starts yet
   */
  @SuppressWarnings("unchecked") // forced-JSON data is written whatever T is
  static <T> SseEvent<T> notice(String lastEventId, String resumeId) {
    SseEvent.Builder<String> notice = SseEvent.builder().event(EVENT).json(lastEventId);
    if (resumeId != null) {
      notice.id(resumeId);
    }
    return (SseEvent<T>) notice.build();
  }
}
