package dev.sluice.internal.broadcast.slow;

/**
 * Skips the oldest events of a subscriber more than {@code maxQueued} behind, so that it stays at
 * most that far behind.
 */
public final class DropOldest<T> extends SlowClientRule<T> {
  public DropOldest(int maxQueued) {
    super(maxQueued);
  }

  @Override
  public boolean fellOutOfHistory(Laggard subscriber, long oldest) {
    subscriber.skipTo(oldest);
    return true;
  }

  @Override
  public boolean keepUp(Laggard subscriber, long end) {
    if (end - subscriber.cursor() > maxQueued()) {
      subscriber.skipTo(end - maxQueued());
    }
    return true;
  }
}
