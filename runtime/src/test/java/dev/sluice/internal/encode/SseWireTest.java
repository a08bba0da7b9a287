package dev.sluice.internal.encode;

import static dev.sluice.internal.encode.Encoding.assertBytes;
import static dev.sluice.internal.encode.Encoding.assertReads;
import static dev.sluice.internal.encode.Encoding.message;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.encode.Utf8Buffer;
import dev.sluice.internal.encode.SpecParser.ParsedEvent;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The field writers, one rule each: the exact bytes, and what a client following the WHATWG spec
 * reads from them ({@link SpecParser}).
 */
class SseWireTest {
  /** U+FFFD REPLACEMENT CHARACTER in UTF-8. */
  private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

  /** The bytes of {@code data} written as one event: its data lines and the blank line. */
  private static byte[] dataEvent(String data) {
    Utf8Buffer out = new Utf8Buffer(16);
    SseWire.data(data, out);
    SseWire.end(out);
    return out.toByteArray();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  @Test
  void data_singleLine_isOneDataLine() {
    byte[] wire = dataEvent("hello");

    assertBytes("data: hello\n\n", wire);
    assertReads(wire, message("hello"));
  }

  @Test
  void data_lf_splitsIntoTwoLines() {
    byte[] wire = dataEvent("a\nb");

    assertBytes("data: a\ndata: b\n\n", wire);
    assertReads(wire, message("a\nb"));
  }

  @Test
  void data_loneCr_splitsAndReadsBackAsLf() {
    byte[] wire = dataEvent("a\rb");

    assertBytes("data: a\ndata: b\n\n", wire);
    assertReads(wire, message("a\nb"));
  }

  @Test
  void data_crlf_isOneLineBreak() {
    byte[] wire = dataEvent("a\r\nb");

    assertBytes("data: a\ndata: b\n\n", wire);
    assertReads(wire, message("a\nb"));
  }

  @Test
  void data_mixedBreaks_giveFourLines() {
    byte[] wire = dataEvent("a\r\nb\rc\nd");

    assertBytes("data: a\ndata: b\ndata: c\ndata: d\n\n", wire);
    assertReads(wire, message("a\nb\nc\nd"));
  }

  @Test
  void data_lfThenCr_isTwoBreaksNotOne() {
    byte[] wire = dataEvent("a\n\rb");

    assertBytes("data: a\ndata: \ndata: b\n\n", wire);
    assertReads(wire, message("a\n\nb"));
  }

  @Test
  void data_consecutiveCrs_keepTheEmptyLineBetween() {
    byte[] wire = dataEvent("a\r\rb");

    assertBytes("data: a\ndata: \ndata: b\n\n", wire);
    assertReads(wire, message("a\n\nb"));
  }

  @Test
  void data_leadingSpace_survivesBecauseOneSpaceFollowsTheColon() {
    byte[] wire = dataEvent(" x");

    assertBytes("data:  x\n\n", wire);
    assertReads(wire, message(" x"));
  }

  @Test
  void data_leadingSpaceOnLaterLine_survives() {
    byte[] wire = dataEvent("a\n  b");

    assertBytes("data: a\ndata:   b\n\n", wire);
    assertReads(wire, message("a\n  b"));
  }

  @Test
  void data_colons_areKeptVerbatim() {
    byte[] wire = dataEvent(":a: b:");

    assertBytes("data: :a: b:\n\n", wire);
    assertReads(wire, message(":a: b:"));
  }

  @Test
  void data_empty_isOneEmptyDataLine_andDispatchesEmptyData() {
    byte[] wire = dataEvent("");

    assertBytes("data: \n\n", wire);
    assertReads(wire, message(""));
  }

  @Test
  void data_trailingNewline_isReadBack() {
    byte[] wire = dataEvent("a\n");

    assertBytes("data: a\ndata: \n\n", wire);
    assertReads(wire, message("a\n"));
  }

  @Test
  void data_trailingCrlf_isReadBackAsLf() {
    byte[] wire = dataEvent("a\r\n");

    assertBytes("data: a\ndata: \n\n", wire);
    assertReads(wire, message("a\n"));
  }

  @Test
  void data_onlyANewline_isTwoEmptyLines() {
    byte[] wire = dataEvent("\n");

    assertBytes("data: \ndata: \n\n", wire);
    assertReads(wire, message("\n"));
  }

  @Test
  void comment_multiLine_isOneCommentLinePerLine_andDispatchesNothing() {
    Utf8Buffer out = new Utf8Buffer(16);
    SseWire.comment("a\nb\r\nc\rd", out);
    SseWire.end(out);

    assertBytes(": a\n: b\n: c\n: d\n\n", out.toByteArray());
    assertReads(out.toByteArray());
  }

  @Test
  void comment_thatLooksLikeAField_isStillAComment() {
    Utf8Buffer out = new Utf8Buffer(16);
    SseWire.comment("x\ndata: y", out);
    SseWire.end(out);

    assertBytes(": x\n: data: y\n\n", out.toByteArray());
    assertReads(out.toByteArray());
  }

  @Test
  void field_id_isNameColonSpaceValue() {
    Utf8Buffer out = new Utf8Buffer(16);
    SseWire.field("id: ", "42", out);
    SseWire.data("x", out);
    SseWire.end(out);

    assertBytes("id: 42\ndata: x\n\n", out.toByteArray());
    assertReads(out.toByteArray(), new ParsedEvent("message", "x", "42"));
  }

  @Test
  void field_event_withLeadingSpace_survives() {
    Utf8Buffer out = new Utf8Buffer(16);
    SseWire.field("event: ", " moved", out);
    SseWire.data("x", out);
    SseWire.end(out);

    assertBytes("event:  moved\ndata: x\n\n", out.toByteArray());
    assertReads(out.toByteArray(), new ParsedEvent(" moved", "x", ""));
  }

  @Test
  void retry_isWrittenInMilliseconds() {
    Utf8Buffer out = new Utf8Buffer(16);
    SseWire.retry(3000, out);
    SseWire.end(out);

    assertBytes("retry: 3000\n\n", out.toByteArray());
    SpecParser parsed = SpecParser.parse(out.toByteArray());
    assertEquals(3000L, parsed.reconnectionTime());
    assertEquals(List.of(), parsed.events());
  }

  @Test
  void utf8_bmpAndNonBmp_areEncodedAsUtf8() {
    byte[] wire = dataEvent("é€\uD83D\uDE00");

    assertArrayEquals(
        concat(
            bytes("data: "),
            new byte[] {(byte) 0xC3, (byte) 0xA9}, // é
            new byte[] {(byte) 0xE2, (byte) 0x82, (byte) 0xAC}, // €
            new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}, // 😀 U+1F600
            bytes("\n\n")),
        wire);
    assertReads(wire, message("é€\uD83D\uDE00"));
  }

  @Test
  void utf8_emoji_isFourBytes() {
    Utf8Buffer out = new Utf8Buffer(0);
    out.appendUtf8("😀");

    assertArrayEquals(
        new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}, out.toByteArray());
  }

  @Test
  void utf8_loneHighSurrogate_isReplacementCharacter() {
    byte[] wire = dataEvent("a\uD83Db");

    assertArrayEquals(concat(bytes("data: a"), REPLACEMENT, bytes("b\n\n")), wire);
    assertReads(wire, message("a\uFFFDb"));
  }

  @Test
  void utf8_loneLowSurrogate_isReplacementCharacter() {
    byte[] wire = dataEvent("\uDE00");

    assertArrayEquals(concat(bytes("data: "), REPLACEMENT, bytes("\n\n")), wire);
  }

  @Test
  void utf8_highSurrogateBeforeALineBreak_isReplacedAndTheBreakKept() {
    byte[] wire = dataEvent("\uD83D\nx");

    assertArrayEquals(concat(bytes("data: "), REPLACEMENT, bytes("\ndata: x\n\n")), wire);
    assertReads(wire, message("\uFFFD\nx"));
  }

  @Test
  void utf8_reversedSurrogatePair_isTwoReplacementCharacters() {
    assertReads(dataEvent("\uDE00\uD83D"), message("\uFFFD\uFFFD"));
  }

  @Test
  void splitDataLines_withoutBreaks_leavesTheLineAlone() {
    Utf8Buffer out = new Utf8Buffer(16);
    out.appendAscii("id: 1\n");
    int prefixAt = out.size();
    out.appendAscii("data: {\"a\":1}");

    SseWire.splitDataLines(out, prefixAt);

    assertBytes("id: 1\ndata: {\"a\":1}", out.toByteArray());
  }

  @Test
  void splitDataLines_splitsAtLfCrAndCrlf_withoutEndingTheLastLine() {
    Utf8Buffer out = new Utf8Buffer(16);
    out.appendAscii("id: 1\n");
    int prefixAt = out.size();
    out.appendAscii("data: ").appendUtf8("{\n  \"é\" : 1\r\n}\r");

    SseWire.splitDataLines(out, prefixAt);

    assertBytes("id: 1\ndata: {\ndata:   \"é\" : 1\ndata: }\ndata: ", out.toByteArray());
  }
}
