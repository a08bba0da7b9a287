package dev.sluice.internal.encode;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.encode.SseEncoder;
import dev.sluice.encode.Utf8Buffer;
import dev.sluice.internal.encode.SpecParser.ParsedEvent;
import java.util.List;

/** Helpers shared by the encoder tests. */
final class Encoding {
  private Encoding() {}

  /** The bytes of one encoded element, from an empty buffer. */
  static <T> byte[] encode(SseEncoder<T> encoder, T element) {
    Utf8Buffer out = new Utf8Buffer(64);
    encoder.encode(element, out);
    return out.toByteArray();
  }

  /**
   * Asserts the exact bytes. The text comparison gives a readable failure; the byte comparison
   * makes sure the text comparison didn't hide a decoding difference.
   */
  static void assertBytes(String expected, byte[] actual) {
    assertEquals(expected, new String(actual, UTF_8));
    assertArrayEquals(expected.getBytes(UTF_8), actual);
  }

  /** Asserts what a spec-conforming client dispatches on reading {@code stream}. */
  static void assertReads(byte[] stream, ParsedEvent... expected) {
    assertEquals(List.of(expected), SpecParser.parse(stream).events());
  }

  static ParsedEvent message(String data) {
    return new ParsedEvent("message", data, "");
  }
}
