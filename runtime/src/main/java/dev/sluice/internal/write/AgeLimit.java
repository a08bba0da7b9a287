package dev.sluice.internal.write;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/**
 * Ends an event stream at its age ({@code maxStreamAge}), so that its client reconnects, perhaps to
 * another node. I/O thread only.
 */
final class AgeLimit {
  /**
   * What a rotated event stream ends with: reconnect in a second (a retry field alone dispatches no
   * event). The event streams' ages already spread reconnections out.
   */
  static final byte[] RETRY_HINT = "retry: 1000\n\n".getBytes(StandardCharsets.UTF_8);

  private final XnioIoThread ioThread;
  private final long maxAgeNanos;
  private final Runnable rotate;
  private XnioExecutor.Key timer;

  /**
   * @param maxAgeNanos the age at which to rotate; 0 for never
   */
  AgeLimit(XnioIoThread ioThread, long maxAgeNanos, Runnable rotate) {
    this.ioThread = ioThread;
    this.maxAgeNanos = maxAgeNanos;
    this.rotate = rotate;
  }

  void start() {
    timer = ioThread.executeAfter(this::due, maxAgeNanos, TimeUnit.NANOSECONDS);
  }

  void stop() {
    if (timer != null) {
      timer.remove();
      timer = null;
    }
  }

  private void due() {
    timer = null;
    rotate.run();
  }
}
