package dev.sluice.processor;

import static com.google.common.truth.Truth.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How a heartbeat is written: exactly, in the largest unit that needs no fraction. */
class RoutesGeneratorTest {
  private static String written(String iso) {
    return RoutesGenerator.duration(Duration.parse(iso)).toString();
  }

  @Test
  void duration_usesTheLargestWholeUnit() {
    assertThat(written("PT0S")).isEqualTo("java.time.Duration.ZERO");
    assertThat(written("PT15S")).isEqualTo("java.time.Duration.ofSeconds(15)");
    assertThat(written("PT1H")).isEqualTo("java.time.Duration.ofSeconds(3600)");
    assertThat(written("PT0.25S")).isEqualTo("java.time.Duration.ofMillis(250)");
    assertThat(written("PT1.000001S")).isEqualTo("java.time.Duration.ofNanos(1000001000)");
  }

  @Test
  void duration_beyondIntOrLongCounts_staysExact() {
    assertThat(written("P100000D")).isEqualTo("java.time.Duration.ofSeconds(8640000000L)");
    assertThat(written("P30000D")).isEqualTo("java.time.Duration.ofSeconds(2592000000L)");
    assertThat(written("PT100000000.5S")).isEqualTo("java.time.Duration.ofMillis(100000000500L)");
    assertThat(written("PT9999999999.000000001S"))
        .isEqualTo("java.time.Duration.ofSeconds(9999999999L, 1)");
  }
}
