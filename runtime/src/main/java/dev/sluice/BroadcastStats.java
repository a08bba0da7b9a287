package dev.sluice;

/**
 * A snapshot of one {@link SseBroadcaster} ({@link SseBroadcaster#stats()}), cheap enough to take
 * every second.
 *
 * @param subscribers subscribers now
 * @param retainedEvents events in this node's history now
 * @param newestId the id of the newest event this node has, or null if none yet
 * @param journal the journal's state, for a broadcaster on a journal; null for an in-memory one
 */
public record BroadcastStats(
    int subscribers, int retainedEvents, String newestId, Journal journal) {

  /**
   * How a broadcaster's journal is doing. Counters run from the broadcaster's start.
   *
   * @param connected whether the journal is reachable and followed now
   * @param reconnects connections made again after one was lost
   * @param lagMillis how old the newest entry followed was when it arrived (publish to receipt, by
   *     the engine's clock and this node's), or -1 before the first
   * @param appendFailures appends that threw {@link PublishException}
   * @param unreadableEntries entries skipped because they could not be decoded (written by another
   *     program, say)
   * @param gaps times following resumed without knowing that nothing was lost
   */
  public record Journal(
      boolean connected,
      long reconnects,
      long lagMillis,
      long appendFailures,
      long unreadableEntries,
      long gaps) {}
}
