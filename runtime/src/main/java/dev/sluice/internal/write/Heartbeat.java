package dev.sluice.internal.write;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/**
 * An event stream's keep-alive: a {@code :} comment line after a whole interval with nothing
 * written, which keeps proxies from cutting a quiet connection and finds a peer that vanished (the
 * write fails). One timer at most, re-armed for the time left, never sooner than a millisecond, so
 * that it cannot spin the I/O thread. I/O thread only.
 */
final class Heartbeat {
  /** The comment: a bare colon, which clients ignore. */
  static final byte[] COMMENT = {':', '\n'};

  private static final long MIN_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final XnioIoThread ioThread;
  private final long intervalNanos;
  private final BooleanSupplier send;
  private long lastWriteNanos;
  private XnioExecutor.Key timer;
  private boolean stopped;

  /**
   * @param intervalNanos the silence before a heartbeat; 0 for none
   * @param send sends the comment now, or returns false to skip it (a write is waiting)
   */
  Heartbeat(XnioIoThread ioThread, long intervalNanos, BooleanSupplier send) {
    this.ioThread = ioThread;
    this.intervalNanos = intervalNanos;
    this.send = send;
  }

  void start() {
    lastWriteNanos = System.nanoTime();
    arm(intervalNanos);
  }

  /** A write went out: the silence starts again. */
  void wrote() {
    lastWriteNanos = System.nanoTime();
  }

  void stop() {
    stopped = true;
    if (timer != null) {
      timer.remove();
      timer = null;
    }
  }

  private void arm(long delayNanos) {
    if (intervalNanos > 0 && !stopped) {
      timer =
          ioThread.executeAfter(
              this::due, Math.max(delayNanos, MIN_DELAY_NANOS), TimeUnit.NANOSECONDS);
    }
  }

  private void due() {
    timer = null;
    if (stopped) {
      return;
    }
    long idle = System.nanoTime() - lastWriteNanos;
    if (idle < intervalNanos) {
      arm(intervalNanos - idle);
      return;
    }
    send.getAsBoolean();
    arm(intervalNanos);
  }
}
