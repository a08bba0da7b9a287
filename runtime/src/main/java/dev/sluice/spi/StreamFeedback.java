package dev.sluice.spi;

/**
 * Implemented by the runtime's subscribers, so that a source that fans out to many streams (an
 * {@code SseBroadcaster}) can count the events it skips for a slow client in the server's stats,
 * and judge a client by its connection rather than by how far behind it is. Sources check for it
 * with {@code instanceof}; any other subscriber is simply not told, nor asked.
 */
public interface StreamFeedback {
  /** {@code events} were skipped for this subscriber. Callable from any thread. */
  void dropped(long events);

  /**
   * Since when ({@link System#nanoTime()}) this subscriber's connection has held bytes that its
   * client did not take, or 0 while it keeps draining. A subscriber that is behind while its
   * connection drains is not slow: the server is. Callable from any thread.
   */
  long backedUpSince();
}
