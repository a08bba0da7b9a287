package dev.sluice.bench.load;

import java.time.Instant;
import java.util.Arrays;

/**
 * The event data both servers send, so that they write the same bytes and the client can check
 * them: a burst event is its number, zero-padded, then padding to 64 bytes; a fan-out event is its
 * sequence number and the wall-clock time it was published, in microseconds, as text or as a {@link
 * Quote}.
 */
final class Payloads {
  static final int BURST_DATA_BYTES = 64;
  private static final int DIGITS = 10;
  private static final char[] TEMPLATE = new char[BURST_DATA_BYTES];

  static {
    Arrays.fill(TEMPLATE, 'x');
    TEMPLATE[DIGITS] = ' ';
  }

  private Payloads() {}

  /** Event {@code i} of a burst: 64 ASCII bytes, starting with the number. */
  static String burst(long i) {
    // By hand: String.format costs more than the server's whole work per event.
    char[] chars = TEMPLATE.clone();
    long rest = i;
    for (int k = DIGITS - 1; k >= 0; k--) {
      chars[k] = (char) ('0' + rest % 10);
      rest /= 10;
    }
    return new String(chars);
  }

  /** Fan-out event {@code seq}, published now. */
  static String fanout(long seq) {
    return seq + " " + wallMicros();
  }

  /** JSON fan-out event {@code seq}, published now: a price that moves in cents. */
  static Quote quote(long seq) {
    return new Quote(seq, wallMicros(), "SLCE", 100 + (seq % 200) / 100.0);
  }

  /**
   * Microseconds since the epoch. {@code System.nanoTime} has an origin per JVM, and the server and
   * the client are separate JVMs; the wall clock is shared by every process of one machine.
   */
  static long wallMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }
}
