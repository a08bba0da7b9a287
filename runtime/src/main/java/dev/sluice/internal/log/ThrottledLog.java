package dev.sluice.internal.log;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One cause of log lines that a client, or a flood of clients, can trigger at will: at most one
 * line per interval, carrying how many times the cause occurred since the last line. A server under
 * attack writes a bounded log, and still says what is happening. Thread-safe.
 */
public final class ThrottledLog {
  private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final System.Logger logger;
  private final Level level;
  private final String cause;
  private final AtomicLong suppressed = new AtomicLong();

  /** When the next line may be written; the first occurrence always is. */
  private final AtomicLong nextLineNanos = new AtomicLong(System.nanoTime());

  /**
   * @param cause what happened, the start of every line: "no thread free for a Stream endpoint"
   */
  public ThrottledLog(System.Logger logger, Level level, String cause) {
    this.logger = logger;
    this.level = level;
    this.cause = cause;
  }

  /** Counts one occurrence, and logs it (with {@code detail}) if the interval allows. */
  public void log(Supplier<String> detail) {
    log(detail, null);
  }

  /**
   * As {@link #log(Supplier)}, with a stack trace: only for failures of the application's own code,
   * never for a client's misbehaviour.
   */
  public void log(Supplier<String> detail, Throwable error) {
    long now = System.nanoTime();
    long next = nextLineNanos.get();
    if (now - next < 0 || !nextLineNanos.compareAndSet(next, now + INTERVAL_NANOS)) {
      suppressed.incrementAndGet();
      return;
    }
    if (!logger.isLoggable(level)) {
      suppressed.set(0);
      return;
    }
    long others = suppressed.getAndSet(0);
    String line =
        cause
            + ": "
            + detail.get()
            + (others > 0 ? " (and " + others + " more since the last such line)" : "");
    if (error != null) {
      logger.log(level, line, error);
    } else {
      logger.log(level, line);
    }
  }
}
