package dev.sluice.redis;

/**
 * Redis stream entry ids, {@code <milliseconds>-<sequence>}: two unsigned 64-bit numbers, in
 * Redis's canonical spelling (no sign, no leading zeros), ordered by both in turn.
 */
final class RedisStreamIds {
  /** Where a Redis stream that had no entry is followed from: before any id Redis gives. */
  static final String BEFORE_ANY = "0-0";

  private RedisStreamIds() {}

  /** Whether {@code id} is an entry id as Redis writes it (so string equality is id equality). */
  static boolean valid(String id) {
    int dash = id.indexOf('-');
    if (dash <= 0 || dash == id.length() - 1) {
      return false;
    }
    try {
      long millis = Long.parseUnsignedLong(id, 0, dash, 10);
      long sequence = Long.parseUnsignedLong(id, dash + 1, id.length(), 10);
      return id.equals(Long.toUnsignedString(millis) + "-" + Long.toUnsignedString(sequence));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Compares two valid ids in their Redis stream's order. */
  static int compare(String a, String b) {
    int byMillis = Long.compareUnsigned(millis(a), millis(b));
    return byMillis != 0 ? byMillis : Long.compareUnsigned(sequence(a), sequence(b));
  }

  /** The time part: Redis's clock, in epoch milliseconds, when the entry was added. */
  static long millis(String id) {
    return Long.parseUnsignedLong(id, 0, id.indexOf('-'), 10);
  }

  private static long sequence(String id) {
    return Long.parseUnsignedLong(id, id.indexOf('-') + 1, id.length(), 10);
  }
}
