package dev.sluice.internal.write;

import java.util.concurrent.TimeUnit;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/**
 * Notices a connection that accepts no byte for the stall timeout: a client that stopped reading,
 * or a peer that vanished without a reset. Its clock runs only while a write waits for the socket,
 * and restarts whenever a byte goes through. One timer at most per connection, never re-armed
 * sooner than the time left (nor sooner than a millisecond), so a stalled connection costs the I/O
 * thread nothing until its deadline.
 *
 * <p>I/O thread only.
 */
final class StallWatch {
  private static final long MIN_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final XnioIoThread ioThread;
  private final long timeoutNanos;
  private final Runnable onStall;

  /** When the waiting write last moved; 0 while no write waits. */
  private long waitingSince;

  private XnioExecutor.Key timer;

  /**
   * @param timeoutNanos the stall timeout; 0 for none
   */
  StallWatch(XnioIoThread ioThread, long timeoutNanos, Runnable onStall) {
    this.ioThread = ioThread;
    this.timeoutNanos = timeoutNanos;
    this.onStall = onStall;
  }

  /**
   * A write could not finish: the socket is full.
   *
   * @param progressed whether some of its bytes went out first, which restarts the clock
   */
  void waiting(boolean progressed) {
    if (timeoutNanos == 0) {
      return;
    }
    long now = System.nanoTime();
    if (waitingSince == 0 || progressed) {
      waitingSince = now;
    }
    if (timer == null) {
      arm(timeoutNanos);
    }
  }

  /** The write in hand finished; a timer still armed lapses when it fires. */
  void flowing() {
    waitingSince = 0;
  }

  void stop() {
    waitingSince = 0;
    if (timer != null) {
      timer.remove();
      timer = null;
    }
  }

  private void arm(long delayNanos) {
    timer =
        ioThread.executeAfter(
            this::check, Math.max(delayNanos, MIN_DELAY_NANOS), TimeUnit.NANOSECONDS);
  }

  private void check() {
    timer = null;
    if (waitingSince == 0) {
      return;
    }
    long stalled = System.nanoTime() - waitingSince;
    if (stalled >= timeoutNanos) {
      onStall.run();
    } else {
      arm(timeoutNanos - stalled);
    }
  }
}
