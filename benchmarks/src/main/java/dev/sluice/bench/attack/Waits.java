package dev.sluice.bench.attack;

import java.util.concurrent.TimeUnit;

/** Bounded waiting, on the runner's clock ({@code System.nanoTime}). */
final class Waits {
  private Waits() {}

  /** A check polled until it holds; it may ask the server, and fail. */
  interface Condition {
    boolean holds() throws Exception;
  }

  /** Polls {@code condition} every 50 ms; false if it still fails after {@code timeoutMillis}. */
  static boolean until(Condition condition, long timeoutMillis) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (!condition.holds()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  static void sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }

  /** Sleeps until {@code seconds} after {@code origin} (a {@code nanoTime}); at once if past. */
  static void sleepUntil(long origin, double seconds) throws InterruptedException {
    long left = origin + (long) (seconds * 1e9) - System.nanoTime();
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  static double secondsSince(long origin) {
    return (System.nanoTime() - origin) / 1e9;
  }
}
