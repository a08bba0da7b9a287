package dev.sluice.redis;

import java.time.Duration;

/** Delays between attempts: from a minimum, doubling each failure, up to a maximum. */
final class Backoff {
  private final long minNanos;
  private final long maxNanos;
  private long nextNanos;

  Backoff(Duration min, Duration max) {
    this.minNanos = min.toNanos();
    this.maxNanos = max.toNanos();
    this.nextNanos = minNanos;
  }

  /** The delay before the next attempt; each call doubles the one after. */
  long nextDelayNanos() {
    long delay = nextNanos;
    nextNanos = Math.min(maxNanos, delay * 2);
    return delay;
  }

  void reset() {
    nextNanos = minNanos;
  }
}
