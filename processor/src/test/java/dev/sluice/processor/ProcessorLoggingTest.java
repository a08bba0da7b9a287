package dev.sluice.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.sluice.processor.TestSources.assertCompilesCleanly;
import static dev.sluice.processor.TestSources.source;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The processor's diagnostics on {@code dev.sluice.processor}, through {@code java.util.logging}
 * (the default {@code System.Logger} backend, as in javac's own JVM).
 */
class ProcessorLoggingTest {
  private static final Logger PROCESSOR = Logger.getLogger("dev.sluice.processor");

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
  private Level levelBefore;

  @BeforeEach
  void record() {
    levelBefore = PROCESSOR.getLevel();
    PROCESSOR.addHandler(recorder);
  }

  @AfterEach
  void stopRecording() {
    PROCESSOR.removeHandler(recorder);
    PROCESSOR.setLevel(levelBefore);
  }

  private static final JavaFileObject CLOCK =
      source(
          "Clock",
          "public class Clock {",
          "  @SseEndpoint(\"/a\") public Stream<String> a() { return null; }",
          "  @SseEndpoint(\"/b\") public Stream<String> b() { return null; }",
          "}");

  @Test
  void atDebug_eachGeneratedClassAndTheServicesFileAreLogged() {
    PROCESSOR.setLevel(Level.FINE);

    assertCompilesCleanly(CLOCK);

    assertThat(records.stream().map(LogRecord::getMessage).toList())
        .containsExactly(
            "Generated test.Clock_SseRoutes with 2 routes for test.Clock",
            "Wrote META-INF/services/dev.sluice.spi.SseRouteProvider with 1 provider")
        .inOrder();
    assertThat(records.stream().map(LogRecord::getLevel).distinct().toList())
        .containsExactly(Level.FINE);
  }

  @Test
  void atTheDefaultLevel_aBuildLogsNothing() {
    PROCESSOR.setLevel(Level.INFO);

    assertCompilesCleanly(CLOCK);

    assertThat(records).isEmpty();
  }
}
