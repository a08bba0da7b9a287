package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What broadcasters log, on {@code dev.sluice.broadcast} (through {@code java.util.logging}, the
 * default {@code System.Logger} backend). Lines are throttled over the whole process, so another
 * test may have had the same line in the last 10 seconds: each test repeats its cause until the
 * line appears, for longer than the throttle's interval.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BroadcastLoggingTest {
  private static final Logger BROADCAST = Logger.getLogger("dev.sluice.broadcast");
  private static final Duration LONGER_THAN_THE_THROTTLE = Duration.ofSeconds(15);

  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler recorder =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void record() {
    BROADCAST.addHandler(recorder);
  }

  @AfterEach
  void stopRecording() {
    BROADCAST.removeHandler(recorder);
  }

  @Test
  void historyLost_isAnInfoLine_withoutTheIdTheClientSent() throws InterruptedException {
    SseBroadcaster<String> broadcaster =
        SseBroadcaster.<String>builder().executor(Runnable::run).build();
    broadcaster.publish("one");

    LogRecord line =
        awaitLine(
            "the history no longer holds",
            () -> broadcaster.subscribe("secret-token").subscribe(new Stalled()));

    assertTrue(line.getLevel() == Level.INFO, line.getLevel().toString());
    assertTrue(
        records.stream().noneMatch(r -> r.getMessage().contains("secret-token")),
        "a client's id is not logged");
  }

  @Test
  void slowSubscriberDisconnected_isAnInfoLine_sayingHowFarBehind() throws InterruptedException {
    LogRecord line =
        awaitLine(
            "fell behind the broadcast",
            () -> {
              SseBroadcaster<String> broadcaster =
                  SseBroadcaster.<String>builder()
                      .history(8, Duration.ofMinutes(1))
                      .slowClients(SlowClientPolicy.disconnect(5, Duration.ofMinutes(1)))
                      .executor(Runnable::run)
                      .build();
              broadcaster.subscribe(null).subscribe(new Stalled());
              for (int i = 0; i < 9; i++) {
                broadcaster.publish("e-" + i); // the ninth evicts an event it never took
              }
            });

    assertTrue(line.getLevel() == Level.INFO, line.getLevel().toString());
    assertTrue(
        line.getMessage().contains("fell behind the broadcast's history"), line.getMessage());
  }

  /** Runs {@code cause} until a line containing {@code text} is logged. */
  private LogRecord awaitLine(String text, Runnable cause) throws InterruptedException {
    long deadline = System.nanoTime() + LONGER_THAN_THE_THROTTLE.toNanos();
    while (true) {
      cause.run();
      for (LogRecord record : records) {
        if (record.getMessage().contains(text)) {
          return record;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "No line with '"
                + text
                + "' in "
                + LONGER_THAN_THE_THROTTLE
                + ": "
                + records.stream().map(LogRecord::getMessage).toList());
      }
      Thread.sleep(100);
    }
  }

  /** Takes no event: requests none. */
  private static final class Stalled implements Flow.Subscriber<SseEvent<String>> {
    @Override
    public void onSubscribe(Flow.Subscription subscription) {}

    @Override
    public void onNext(SseEvent<String> item) {}

    @Override
    public void onError(Throwable throwable) {}

    @Override
    public void onComplete() {}
  }
}
