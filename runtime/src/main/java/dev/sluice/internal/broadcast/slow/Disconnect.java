package dev.sluice.internal.broadcast.slow;

import java.time.Duration;

/**
 * Cuts off a subscriber more than {@code maxQueued} events behind for longer than a grace, or at
 * once when it falls out of the history: its client reconnects and replays, nobody else waits. The
 * grace runs only while the subscriber's connection holds bytes its client did not take: one that
 * is behind while its connection drains waits on a server short of CPU, not on its client.
 */
public final class Disconnect<T> extends SlowClientRule<T> {
  private final long graceNanos;
  private final Duration grace;

  public Disconnect(int maxQueued, Duration grace) {
    super(maxQueued);
    this.grace = grace;
    this.graceNanos = grace.toNanos();
  }

  @Override
  public boolean fellOutOfHistory(Laggard subscriber, long oldest) {
    subscriber.disconnect("fell behind the broadcast's history");
    return false;
  }

  @Override
  public boolean keepUp(Laggard subscriber, long end) {
    long behind = end - subscriber.cursor();
    if (behind <= maxQueued() || subscriber.backedUpSince() == 0) {
      subscriber.behindSince(-1);
    } else if (subscriber.behindSince() < 0) {
      subscriber.behindSince(System.nanoTime());
    } else if (System.nanoTime() - subscriber.behindSince() > graceNanos) {
      subscriber.disconnect("stayed " + behind + " events behind for longer than " + grace);
      return false;
    }
    return true;
  }

  @Override
  public boolean lostReplay(Laggard subscriber) {
    subscriber.disconnect("fell behind the broadcast's journal while replaying it");
    return false;
  }
}
