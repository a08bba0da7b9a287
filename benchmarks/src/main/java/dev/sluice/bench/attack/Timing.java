package dev.sluice.bench.attack;

import java.time.Duration;
import java.util.List;

/**
 * The server's timeouts the attacks run into, and how long the runner measures. The full run keeps
 * the library's defaults (the server gets no flag for them); {@code --quick} gives the server
 * shorter ones, so that every deadline still falls inside the run, only sooner.
 *
 * @param heartbeat the server's heartbeat interval
 * @param stall the server's stall timeout
 * @param parse the server's request parse timeout
 * @param window each CPU measurement of an idle server
 * @param flood how long each HTTP/2 flood runs
 * @param serverArgs the flags that give the server these timeouts
 */
record Timing(
    Duration heartbeat,
    Duration stall,
    Duration parse,
    Duration window,
    Duration flood,
    List<String> serverArgs) {

  /** The library's defaults: heartbeat 15 s, stall timeout 30 s, parse timeout 10 s. */
  static final Timing FULL =
      new Timing(
          Duration.ofSeconds(15),
          Duration.ofSeconds(30),
          Duration.ofSeconds(10),
          Duration.ofSeconds(5),
          Duration.ofSeconds(10),
          List.of());

  static final Timing QUICK =
      new Timing(
          Duration.ofSeconds(3),
          Duration.ofSeconds(6),
          Duration.ofSeconds(2),
          Duration.ofSeconds(2),
          Duration.ofSeconds(4),
          List.of("--heartbeat", "PT3S", "--stall-timeout", "PT6S", "--parse-timeout", "PT2S"));

  static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
