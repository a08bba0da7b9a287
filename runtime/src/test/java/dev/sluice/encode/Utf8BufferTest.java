package dev.sluice.encode;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8BufferTest {
  private static String decimal(int capacity, long value) {
    return new String(new Utf8Buffer(capacity).appendDecimal(value).toByteArray(), UTF_8);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 64})
  void appendDecimal_edgeCases_matchLongToString(int capacity) {
    long[] values = {
      0, 1, 9, 10, 99, 100, -1, -10, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1
    };
    for (long value : values) {
      assertEquals(Long.toString(value), decimal(capacity, value), "value " + value);
    }
  }

  @Test
  void appendDecimal_zero_isOneDigit() {
    assertBytes("0", new Utf8Buffer(0).appendDecimal(0).toByteArray());
  }

  @Test
  void appendDecimal_longMaxValue() {
    assertBytes(
        "9223372036854775807", new Utf8Buffer(1).appendDecimal(Long.MAX_VALUE).toByteArray());
  }

  @Test
  void appendDecimal_longMinValue_cannotBeNegatedSoIsSpelledOut() {
    assertBytes(
        "-9223372036854775808", new Utf8Buffer(1).appendDecimal(Long.MIN_VALUE).toByteArray());
  }

  @Test
  void appendDecimal_afterOtherBytes_appends() {
    Utf8Buffer out = new Utf8Buffer(1).appendAscii("retry: ").appendDecimal(120);

    assertBytes("retry: 120-7", out.appendDecimal(-7).toByteArray());
  }

  @Test
  void growth_fromCapacityZero_byteByByte() {
    Utf8Buffer out = new Utf8Buffer(0);
    for (int i = 0; i < 100; i++) {
      out.append((byte) ('a' + i % 26));
    }

    assertEquals(100, out.size());
    assertTrue(out.array().length >= 100);
    assertEquals("abcdefghijklmnopqrstuvwxyz".repeat(4).substring(0, 100), text(out));
  }

  @Test
  void growth_fromCapacityZero_ascii() {
    String ascii = "x".repeat(1000);

    assertBytes(ascii, new Utf8Buffer(0).appendAscii(ascii).toByteArray());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void growth_fromTinyCapacity_multiByteCharacters(int capacity) {
    // Each character is wider than the room left, so every append grows the array.
    String text = "a\u00E9\u20AC\uD83D\uDE00".repeat(300);

    assertArrayEquals(
        text.getBytes(UTF_8), new Utf8Buffer(capacity).appendUtf8(text).toByteArray());
  }

  @Test
  void growth_fromCapacityOne_asciiAfterWideCharacters() {
    // After the wide characters fill the array, the ASCII fast path must grow it again.
    String text = "\uD83D\uDE00".repeat(10) + "x".repeat(100);

    assertArrayEquals(text.getBytes(UTF_8), new Utf8Buffer(1).appendUtf8(text).toByteArray());
  }

  @Test
  void growth_fromCapacityOne_byteArrays() {
    byte[] chunk = "0123456789".getBytes(UTF_8);
    Utf8Buffer out = new Utf8Buffer(1);
    for (int i = 0; i < 50; i++) {
      out.append(chunk);
    }

    assertEquals("0123456789".repeat(50), text(out));
  }

  @Test
  void appendUtf8_range_writesOnlyThatRange() {
    assertBytes("b\u00E9c", new Utf8Buffer(0).appendUtf8("ab\u00E9cd", 1, 4).toByteArray());
  }

  @Test
  void appendUtf8_rangeEndingInsideASurrogatePair_replacesTheHalf() {
    // The high surrogate's partner is outside the range: on its own it cannot be encoded.
    assertArrayEquals(
        new byte[] {'a', (byte) 0xEF, (byte) 0xBF, (byte) 0xBD},
        new Utf8Buffer(0).appendUtf8("a\uD83D\uDE00", 0, 2).toByteArray());
  }

  @Test
  void appendUtf8_matchesStringGetBytes_forEveryBmpCharacterAndSomeNonBmp() {
    StringBuilder all = new StringBuilder();
    for (int cp = 0; cp < 0x10000; cp++) {
      if (!Character.isSurrogate((char) cp)) {
        all.appendCodePoint(cp);
      }
    }
    all.appendCodePoint(0x10000).appendCodePoint(0x1F600).appendCodePoint(0x10FFFF);

    assertArrayEquals(
        all.toString().getBytes(UTF_8), new Utf8Buffer(0).appendUtf8(all).toByteArray());
  }

  @Test
  void truncate_dropsTheTail_andRejectsOutOfRange() {
    Utf8Buffer out = new Utf8Buffer(0).appendAscii("abcdef");

    out.truncate(6);
    assertEquals("abcdef", text(out));
    out.truncate(2);
    assertEquals("ab", text(out));
    assertThrows(IndexOutOfBoundsException.class, () -> out.truncate(3));
    assertThrows(IndexOutOfBoundsException.class, () -> out.truncate(-1));
    out.truncate(0);
    assertEquals(0, out.size());
  }

  @Test
  void asOutputStream_appends_andCloseDoesNothing() throws IOException {
    Utf8Buffer out = new Utf8Buffer(0).appendAscii("a");
    out.asOutputStream().write('b');
    out.asOutputStream().write("xcdx".getBytes(UTF_8), 1, 2);
    out.asOutputStream().close();
    out.appendAscii("e");

    assertEquals("abcde", text(out));
  }

  /** The exact bytes, compared as text too for a readable failure. */
  private static void assertBytes(String expected, byte[] actual) {
    assertEquals(expected, new String(actual, UTF_8));
    assertArrayEquals(expected.getBytes(UTF_8), actual);
  }

  private static String text(Utf8Buffer out) {
    return new String(out.toByteArray(), UTF_8);
  }
}
