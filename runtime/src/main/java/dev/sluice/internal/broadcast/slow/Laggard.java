package dev.sluice.internal.broadcast.slow;

/**
 * A subscriber of a broadcast as its slow-client rule sees it: where it reads, and what the rule
 * may do to it. Called from the subscriber's drain loop only.
 */
public interface Laggard {
  /** The sequence number of the next event it reads. */
  long cursor();

  /** Moves it on to {@code seq}, counting the events it skips as dropped. */
  void skipTo(long seq);

  /** Cuts it off: its client reconnects and replays what it missed. */
  void disconnect(String why);

  /**
   * Since when ({@link System#nanoTime()}) its connection has held bytes its client did not take,
   * or 0 while it drains.
   */
  long backedUpSince();

  /** Since when it has been further behind than its rule allows, or -1 while it is not. */
  long behindSince();

  void behindSince(long nanos);
}
