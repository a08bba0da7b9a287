package dev.sluice.internal.broadcast.slow;

/**
 * What a broadcast does with a subscriber that falls behind: the rule behind a public {@code
 * SlowClientPolicy}, one class each. Immutable; a subscriber's own state is its {@link Laggard}'s.
 *
 * @param <T> the broadcast's data type
 */
public abstract class SlowClientRule<T> {
  private final int maxQueued;

  SlowClientRule(int maxQueued) {
    this.maxQueued = maxQueued;
  }

  /** How many events behind it lets a subscriber be. */
  final int maxQueued() {
    return maxQueued;
  }

  /**
   * @throws IllegalArgumentException if it lets subscribers fall further behind than a history of
   *     {@code maxEvents} reaches
   */
  public void checkHistory(int maxEvents) {
    if (maxQueued > maxEvents) {
      throw new IllegalArgumentException(
          "The slow-client policy allows "
              + maxQueued
              + " events behind, but the history keeps only "
              + maxEvents
              + "; keep at least as many events as a subscriber may be behind");
    }
  }

  /** Whether the broadcast tracks the newest event of each key for it. */
  public boolean tracksKeys() {
    return false;
  }

  /** The key a broadcast tracks the newest event of, for this event's data; null for none. */
  public Object keyOf(T data) {
    return null;
  }

  /**
   * The subscriber's next event is older than the history's oldest, {@code oldest}.
   *
   * @return false when it was cut off
   */
  public abstract boolean fellOutOfHistory(Laggard subscriber, long oldest);

  /**
   * Applies the rule to a subscriber whose history ends before {@code end}.
   *
   * @return false when it was cut off
   */
  public abstract boolean keepUp(Laggard subscriber, long end);

  /**
   * A subscriber replaying a journal lost its place in it (trimmed while it read).
   *
   * @return false when it was cut off; else it is told its history was lost, and goes on live
   */
  public boolean lostReplay(Laggard subscriber) {
    return true;
  }
}
