package dev.sluice.internal.broadcast;

import dev.sluice.internal.log.ThrottledLog;
import java.lang.System.Logger.Level;

/**
 * What broadcasters tell an operator, on {@code dev.sluice.broadcast}: both lines are caused by
 * clients (a reader that stops, a {@code Last-Event-ID} sent at will), so each is throttled over
 * every broadcaster of the process, and neither repeats what a client sent.
 */
final class BroadcastLog {
  private static final System.Logger LOG = System.getLogger("dev.sluice.broadcast");
  private static final ThrottledLog SLOW =
      new ThrottledLog(
          LOG,
          Level.INFO,
          "Disconnected a subscriber that fell behind the broadcast; it reconnects and replays");
  private static final ThrottledLog LOST =
      new ThrottledLog(
          LOG,
          Level.INFO,
          "A subscriber resumed after an event the history no longer holds (too old, unknown, or"
              + " from before a restart) and was sent "
              + HistoryLost.EVENT);

  private BroadcastLog() {}

  /**
   * @param why how far behind, for how long: the broadcaster's words, not the client's
   */
  static void slowSubscriberDisconnected(String why) {
    SLOW.log(() -> why);
  }

  static void historyLost() {
    LOST.log(() -> "a longer history (SseBroadcaster.Builder.history) makes this rarer");
  }
}
