package dev.sluice.internal.encode;

import static dev.sluice.internal.encode.Encoding.assertBytes;
import static dev.sluice.internal.encode.Encoding.assertReads;
import static dev.sluice.internal.encode.Encoding.encode;
import static dev.sluice.internal.encode.Encoding.message;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.SseEvent;
import dev.sluice.encode.SseEncoder;
import dev.sluice.encode.Utf8Buffer;
import dev.sluice.internal.encode.SpecParser.ParsedEvent;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The encoders made by {@link JacksonEncoders}, one rule each: the exact bytes, and what a client
 * following the WHATWG spec reads from them ({@link SpecParser}).
 */
class EncoderTest {
  private static final TypeReference<List<Point>> POINTS = new TypeReference<>() {};

  private final ObjectMapper mapper = new ObjectMapper();
  private final JacksonEncoders encoders = new JacksonEncoders(mapper);

  /** Has no properties: Jackson refuses it while FAIL_ON_EMPTY_BEANS is on (the default). */
  static final class Empty {}

  @Test
  void text_singleLine() {
    byte[] wire = encode(encoders.text(), "hello");

    assertBytes("data: hello\n\n", wire);
    assertReads(wire, message("hello"));
  }

  @Test
  void text_mixedLineBreaks_giveFourDataLines() {
    byte[] wire = encode(encoders.text(), "a\r\nb\rc\nd");

    assertBytes("data: a\ndata: b\ndata: c\ndata: d\n\n", wire);
    assertReads(wire, message("a\nb\nc\nd"));
  }

  @Test
  void text_leadingSpace_survives() {
    byte[] wire = encode(encoders.text(), " x");

    assertBytes("data:  x\n\n", wire);
    assertReads(wire, message(" x"));
  }

  @Test
  void text_empty_dispatchesAnEventWithEmptyData() {
    byte[] wire = encode(encoders.text(), "");

    assertBytes("data: \n\n", wire);
    assertReads(wire, message(""));
  }

  @Test
  void text_trailingNewline_isReadBack() {
    byte[] wire = encode(encoders.text(), "a\n");

    assertBytes("data: a\ndata: \n\n", wire);
    assertReads(wire, message("a\n"));
  }

  @Test
  void text_nullElement_isRejected() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> encode(encoders.text(), null));

    assertEquals("the endpoint produced a null element", e.getMessage());
  }

  @Test
  void event_allFields_inOrderCommentRetryIdEventData() {
    SseEvent<String> event =
        SseEvent.<String>builder()
            .data("d")
            .event("e")
            .id("1")
            .retry(Duration.ofMillis(10))
            .comment("c")
            .build();

    byte[] wire = encode(encoders.textEvents(), event);

    assertBytes(": c\nretry: 10\nid: 1\nevent: e\ndata: d\n\n", wire);
    SpecParser parsed = SpecParser.parse(wire);
    assertEquals(List.of(new ParsedEvent("e", "d", "1")), parsed.events());
    assertEquals(10L, parsed.reconnectionTime());
  }

  @Test
  void event_idAndEventName_withLeadingSpaces_survive() {
    SseEvent<String> event = SseEvent.<String>builder().data("d").event(" e").id(" 1").build();

    byte[] wire = encode(encoders.textEvents(), event);

    assertBytes("id:  1\nevent:  e\ndata: d\n\n", wire);
    assertReads(wire, new ParsedEvent(" e", "d", " 1"));
  }

  @Test
  void event_multiLineComment_isSeveralCommentLines() {
    SseEvent<String> event = SseEvent.<String>builder().comment("a\nb\r\nc").data("d").build();

    byte[] wire = encode(encoders.textEvents(), event);

    assertBytes(": a\n: b\n: c\ndata: d\n\n", wire);
    assertReads(wire, message("d"));
  }

  @Test
  void event_retry_isInMilliseconds() {
    SseEvent<String> event = SseEvent.<String>builder().retry(Duration.ofSeconds(3)).build();

    byte[] wire = encode(encoders.textEvents(), event);

    assertBytes("retry: 3000\n\n", wire);
    SpecParser parsed = SpecParser.parse(wire);
    assertEquals(3000L, parsed.reconnectionTime());
    assertEquals(List.of(), parsed.events());
  }

  @Test
  void event_subMillisecondRetry_isRoundedDown() {
    SseEvent<String> event = SseEvent.<String>builder().retry(Duration.ofNanos(1_999_999)).build();

    assertBytes("retry: 1\n\n", encode(encoders.textEvents(), event));
  }

  @Test
  void event_retryTooLongForMilliseconds_isRejectedBeforeItReachesTheEncoder() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SseEvent.<String>builder().retry(Duration.ofSeconds(Long.MAX_VALUE)));
    assertTrue(e.getMessage().contains("too long"), e.getMessage());
  }

  @Test
  void event_commentOnly_dispatchesNothing_idOnly_updatesLastEventId() {
    Utf8Buffer out = new Utf8Buffer(0);
    SseEncoder<SseEvent<String>> encoder = encoders.textEvents();
    encoder.encode(SseEvent.<String>builder().data("a").id("1").build(), out);
    encoder.encode(SseEvent.<String>builder().comment("ping").build(), out);
    encoder.encode(SseEvent.<String>builder().id("2").build(), out);
    encoder.encode(SseEvent.of("b"), out);

    assertBytes("id: 1\ndata: a\n\n: ping\n\nid: 2\n\ndata: b\n\n", out.toByteArray());
    SpecParser parsed = SpecParser.parse(out.toByteArray());
    assertEquals(
        List.of(new ParsedEvent("message", "a", "1"), new ParsedEvent("message", "b", "2")),
        parsed.events());
    assertEquals("2", parsed.lastEventId());
  }

  @Test
  void event_commentOnly_leavesLastEventIdUnchanged() {
    byte[] wire = encode(encoders.textEvents(), SseEvent.<String>builder().comment("ping").build());

    assertBytes(": ping\n\n", wire);
    SpecParser parsed = SpecParser.parse(wire);
    assertEquals(List.of(), parsed.events());
    assertEquals("", parsed.lastEventId());
  }

  @Test
  void event_utf8_inEveryField() {
    SseEvent<String> event =
        SseEvent.<String>builder()
            .data("\u00E9\uD83D\uDE00")
            .event("\u20AC")
            .id("\uD83D\uDE00")
            .comment("\u00E9")
            .build();

    byte[] wire = encode(encoders.textEvents(), event);

    assertBytes(": \u00E9\nid: \uD83D\uDE00\nevent: \u20AC\ndata: \u00E9\uD83D\uDE00\n\n", wire);
    assertReads(wire, new ParsedEvent("\u20AC", "\u00E9\uD83D\uDE00", "\uD83D\uDE00"));
  }

  @Test
  void event_json_forcesJsonForAString() {
    byte[] wire = encode(encoders.textEvents(), SseEvent.builder().json("hi").build());

    assertBytes("data: \"hi\"\n\n", wire);
    assertReads(wire, message("\"hi\""));
  }

  @Test
  void event_jsonStringWithLineBreaks_isEscapedOnOneLine() {
    byte[] wire = encode(encoders.textEvents(), SseEvent.builder().json("a\nb\r").build());

    assertBytes("data: \"a\\nb\\r\"\n\n", wire);
  }

  @Test
  void json_record() {
    byte[] wire = encode(encoders.json(Point.class), new Point(1, 2));

    assertBytes("data: {\"x\":1,\"y\":2}\n\n", wire);
    assertReads(wire, message("{\"x\":1,\"y\":2}"));
  }

  @Test
  void json_genericType() {
    byte[] wire = encode(encoders.json(POINTS), List.of(new Point(1, 2), new Point(3, 4)));

    assertBytes("data: [{\"x\":1,\"y\":2},{\"x\":3,\"y\":4}]\n\n", wire);
  }

  @Test
  void jsonEvents_record_withNameAndId() {
    SseEvent<Point> event = SseEvent.builder().data(new Point(1, 2)).event("moved").id("7").build();

    byte[] wire = encode(encoders.jsonEvents(Point.class), event);

    assertBytes("id: 7\nevent: moved\ndata: {\"x\":1,\"y\":2}\n\n", wire);
    assertReads(wire, new ParsedEvent("moved", "{\"x\":1,\"y\":2}", "7"));
  }

  @Test
  void jsonEvents_genericType() {
    SseEvent<List<Point>> event = SseEvent.of(List.of(new Point(5, 6)));

    byte[] wire = encode(encoders.jsonEvents(POINTS), event);

    assertBytes("data: [{\"x\":5,\"y\":6}]\n\n", wire);
  }

  @Test
  void prettyPrintingMapper_splitsIntoDataLines_thatReadBackAsTheSameJson() throws Exception {
    ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    JacksonEncoders prettyEncoders = new JacksonEncoders(pretty);

    byte[] wire = encode(prettyEncoders.json(Point.class), new Point(1, 2));

    assertBytes("data: {\ndata:   \"x\" : 1,\ndata:   \"y\" : 2\ndata: }\n\n", wire);
    List<ParsedEvent> events = SpecParser.parse(wire).events();
    assertEquals(1, events.size());
    assertEquals(mapper.readTree("{\"x\":1,\"y\":2}"), mapper.readTree(events.get(0).data()));
  }

  @Test
  void prettyPrintingMapper_genericEvent_readsBackAsTheSameJson() throws Exception {
    ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    List<Point> points = List.of(new Point(1, 2), new Point(3, 4));
    SseEvent<List<Point>> event = SseEvent.builder().data(points).id("9").build();

    byte[] pwire = encode(new JacksonEncoders(pretty).jsonEvents(POINTS), event);
    byte[] cwire = encode(encoders.jsonEvents(POINTS), event);

    ParsedEvent prettyRead = SpecParser.parse(pwire).events().get(0);
    ParsedEvent compactRead = SpecParser.parse(cwire).events().get(0);
    JsonNode prettyJson = mapper.readTree(prettyRead.data());
    assertEquals(mapper.readTree(compactRead.data()), prettyJson);
    assertEquals(points, mapper.convertValue(prettyJson, POINTS));
    assertEquals("9", prettyRead.lastEventId());
  }

  @Test
  void oneBuffer_manyJsonValues_eachIsExactlyItsOwnEvent_alsoAfterAFailure() {
    // The thread keeps its JSON generator from one value to the next: nothing of one value
    // (a root separator, half an object left by a failure) may reach the next.
    ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    SseEncoder<Point> compact = encoders.json(Point.class);
    SseEncoder<Point> indented = new JacksonEncoders(pretty).json(Point.class);
    SseEncoder<Empty> failing = encoders.json(Empty.class);
    Utf8Buffer out = new Utf8Buffer(0);
    for (int i = 0; i < 3; i++) {
      out.truncate(0);
      compact.encode(new Point(i, -i), out);
      assertBytes("data: {\"x\":" + i + ",\"y\":" + -i + "}\n\n", out.toByteArray());
      assertThrows(UncheckedIOException.class, () -> failing.encode(new Empty(), out));
      out.truncate(0);
      indented.encode(new Point(1, 2), out); // another mapper's writer, into the same buffer
      assertBytes("data: {\ndata:   \"x\" : 1,\ndata:   \"y\" : 2\ndata: }\n\n", out.toByteArray());
      out.truncate(0);
      indented.encode(new Point(3, 4), out);
      assertBytes("data: {\ndata:   \"x\" : 3,\ndata:   \"y\" : 4\ndata: }\n\n", out.toByteArray());
    }
  }

  @Test
  void jacksonFailure_plainElement_throwsAndLeavesTheBufferAsItWas() {
    Utf8Buffer out = new Utf8Buffer(0);
    encoders.text().encode("before", out);
    byte[] before = out.toByteArray();

    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class, () -> encoders.json(Empty.class).encode(new Empty(), out));

    String expectedStart = "Cannot write " + Empty.class.getName() + " as JSON: ";
    assertEquals(expectedStart, e.getMessage().substring(0, expectedStart.length()));
    assertArrayEquals(before, out.toByteArray());
  }

  @Test
  void jacksonFailure_event_throwsAndLeavesNoHalfEvent() {
    Utf8Buffer out = new Utf8Buffer(0);
    encoders.text().encode("before", out);
    byte[] before = out.toByteArray();
    SseEvent<Empty> event =
        SseEvent.builder().data(new Empty()).comment("c").id("1").event("e").build();

    assertThrows(
        UncheckedIOException.class, () -> encoders.jsonEvents(Empty.class).encode(event, out));

    assertArrayEquals(before, out.toByteArray());
  }

  @Test
  void jacksonFailure_forcedJson_throwsAndLeavesNoHalfEvent() {
    Utf8Buffer out = new Utf8Buffer(0);
    encoders.text().encode("before", out);
    byte[] before = out.toByteArray();
    SseEvent<Empty> event = SseEvent.builder().json(new Empty()).id("1").build();

    assertThrows(
        UncheckedIOException.class, () -> encoders.jsonEvents(Empty.class).encode(event, out));

    assertArrayEquals(before, out.toByteArray());
  }

  @Test
  void jacksonFailure_afterPartOfTheValueIsWritten_leavesNoHalfEvent() {
    // Jackson flushes what it wrote before the failure ([{"x":1,"y":2},) when it closes the
    // generator; the encoder must take it back out.
    TypeReference<List<Object>> anything = new TypeReference<>() {};
    Utf8Buffer out = new Utf8Buffer(0);
    encoders.text().encode("before", out);
    byte[] before = out.toByteArray();
    List<Object> value = List.of(new Point(1, 2), new Empty());

    assertThrows(UncheckedIOException.class, () -> encoders.json(anything).encode(value, out));
    assertArrayEquals(before, out.toByteArray());
    assertThrows(
        UncheckedIOException.class,
        () -> encoders.jsonEvents(anything).encode(SseEvent.of(value), out));
    assertArrayEquals(before, out.toByteArray());

    assertReads(out.toByteArray(), message("before"));
    assertEquals("data: before\n\n", new String(out.toByteArray(), UTF_8));
  }
}
