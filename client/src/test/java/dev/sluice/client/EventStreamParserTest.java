package dev.sluice.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One rule of the WHATWG "Interpreting an event stream" steps per test; the quoted examples are the
 * standard's own.
 */
class EventStreamParserTest {
  @Test
  void dataLines_areJoinedWithLf_andTheLastLfDropped() {
    assertEquals(
        List.of(message("YHOO\n+2\n10", "")),
        Parsed.of("data: YHOO\ndata: +2\ndata: 10\n\n").events);
  }

  @Test
  void oneLeadingSpace_isStripped_andOnlyOne() {
    assertEquals(
        List.of(message("test", ""), message(" two", ""), message("none", "")),
        Parsed.of("data:test\n\ndata:  two\n\ndata:none\n\n").events);
  }

  @Test
  void crLfAndCrlf_allEndLines() {
    assertEquals(
        List.of(message("a\nb\nc", "")), Parsed.of("data: a\rdata: b\r\ndata: c\n\r\n").events);
  }

  @Test
  void crAtTheEndOfAChunk_andLfAtTheStartOfTheNext_areOneLineEnd() {
    Parsed parsed = Parsed.chunks("data: a\r", "\ndata: b\r", "\n\r", "\n");
    assertEquals(List.of(message("a\nb", "")), parsed.events);
  }

  @Test
  void crThenCr_isABlankLine() {
    assertEquals(List.of(message("a", "")), Parsed.of("data: a\r\r").events);
  }

  @Test
  void eventField_setsTheType_forOneEventOnly() {
    assertEquals(
        List.of(new MessageEvent<>("add", "73857293", ""), message("x", "")),
        Parsed.of("event: add\ndata: 73857293\n\ndata: x\n\n").events);
  }

  @Test
  void emptyEventField_meansMessage() {
    assertEquals(List.of(message("x", "")), Parsed.of("event:\ndata: x\n\n").events);
  }

  @Test
  void id_carriesOverToLaterEvents_untilSetAgain() {
    Parsed parsed = Parsed.of("id: 1\ndata: a\n\ndata: b\n\nid: 2\ndata: c\n\nid\ndata: d\n\n");
    assertEquals(
        List.of(message("a", "1"), message("b", "1"), message("c", "2"), message("d", "")),
        parsed.events);
    assertEquals("", parsed.parser.lastEventId(), "'id' alone sets it to empty");
  }

  @Test
  void idWithNul_isIgnored() {
    Parsed parsed = Parsed.of("id: 1\ndata: a\n\nid: 2\u0000x\ndata: b\n\n");
    assertEquals(List.of(message("a", "1"), message("b", "1")), parsed.events);
  }

  @Test
  void blockWithoutData_setsTheLastEventId_butDispatchesNothing() {
    Parsed parsed = Parsed.of("id: 7\n\ndata: after\n\n");
    assertEquals(List.of(message("after", "7")), parsed.events);
    assertEquals("7", parsed.parser.lastEventId());
  }

  @Test
  void blockWithoutData_dropsItsEventType() {
    assertEquals(List.of(message("x", "")), Parsed.of("event: lost\n\ndata: x\n\n").events);
  }

  @Test
  void blockWithoutData_isReportedWhereItEnds_afterItsFields() {
    Parsed parsed = Parsed.of("retry: 7000\n: bye\n\nid: 8\n\nevent: e\n\n\ndata: x\nretry: 1\n\n");
    assertEquals(
        List.of(
            "retry 7000",
            "comment bye",
            "block without data",
            "block without data", // id: 8, now the last event id
            "block without data", // event: e
            "block without data", // an empty block
            "retry 1",
            "event x"), // a block with data is an event, and only that
        parsed.calls);
    assertEquals(List.of(message("x", "8")), parsed.events);
  }

  @Test
  void emptyDataField_isAnEventWithEmptyData() {
    assertEquals(
        List.of(message("", ""), message("\n", "")), Parsed.of("data\n\ndata:\ndata:\n\n").events);
  }

  @Test
  void retry_onlyAsciiDigitsCount() {
    Parsed parsed =
        Parsed.of("retry: 1500\nretry: 15s\nretry: -1\nretry:\nretry: ١٢\n" + "retry: 0\n\n");
    assertEquals(List.of(1500L, 0L), parsed.retries);
    assertEquals(List.of(), parsed.events, "retry alone dispatches nothing");
  }

  @Test
  void retry_tooLargeForALong_isForever() {
    assertEquals(List.of(Long.MAX_VALUE), Parsed.of("retry: 99999999999999999999999\n").retries);
  }

  @Test
  void comments_areNotEvents_andKeepTheirText() {
    Parsed parsed = Parsed.of(":\n: ping\n:  two\ndata: x\n: between\n\n");
    assertEquals(List.of("", "ping", " two", "between"), parsed.comments);
    assertEquals(List.of(message("x", "")), parsed.events);
  }

  @Test
  void unknownFields_andLinesWithoutColon_areIgnored() {
    assertEquals(
        List.of(message("x", "")),
        Parsed.of("foo: bar\nDATA: upper\nevent data\ndata: x\n\n").events);
  }

  @Test
  void fieldValue_mayContainColons() {
    assertEquals(List.of(message("a: b:c", "")), Parsed.of("data: a: b:c\n\n").events);
  }

  @Test
  void unterminatedLastEvent_isNotDispatched() {
    assertEquals(List.of(message("whole", "")), Parsed.of("data: whole\n\ndata: half\n").events);
  }

  @Test
  void leadingBom_isIgnored_onlyAtTheStart() {
    assertEquals(
        List.of(message("x", ""), message("\uFEFFy", "")),
        Parsed.of("\uFEFFdata: x\n\n\uFEFFdata: z\n\ndata: \uFEFFy\n\n").events,
        "a later BOM makes an unknown field name; one inside data is data");
  }

  @Test
  void bomSplitAcrossChunks_isStillIgnored() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    List<MessageEvent<String>> events =
        new Parsed()
            .feed(new byte[] {bom[0]})
            .feed(new byte[] {bom[1]})
            .feed(new byte[] {bom[2]})
            .feed("data: x\n\n".getBytes(UTF_8))
            .events;
    assertEquals(List.of(message("x", "")), events);
  }

  @Test
  void nonBmpCharacters_survive_evenSplitInsideTheirUtf8Bytes() {
    byte[] bytes = "data: \uD83D\uDE00 \u00e9\u20ac\n\n".getBytes(UTF_8);
    Parsed parsed = new Parsed();
    for (byte b : bytes) {
      parsed.feed(new byte[] {b});
    }
    assertEquals(List.of(message("\uD83D\uDE00 \u00e9\u20ac", "")), parsed.events);
  }

  @Test
  void malformedUtf8_becomesReplacementCharacters() {
    byte[] bytes = {
      'd',
      'a',
      't',
      'a',
      ':',
      ' ',
      (byte) 0xC3,
      '\n',
      'd',
      'a',
      't',
      'a',
      ':',
      (byte) 0xFF,
      'x',
      '\n',
      '\n'
    };
    assertEquals(List.of(message("\uFFFD\n\uFFFDx", "")), new Parsed().feed(bytes).events);
  }

  @Test
  void lineOverMaxEventSize_fails() {
    EventStreamParser parser = new EventStreamParser(event -> {}, "", 16);
    parser.feed(ByteBuffer.wrap("data: 0123456789\n".getBytes(UTF_8))); // exactly 16 bytes
    SseClientException tooLong =
        assertThrows(
            SseClientException.class,
            () -> parser.feed(ByteBuffer.wrap(": 0123456789abcdef".getBytes(UTF_8))));
    assertTrue(tooLong.getMessage().contains("maxEventSize"), tooLong.getMessage());
  }

  @Test
  void dataOverMaxEventSize_fails_evenInShortLines() {
    EventStreamParser parser = new EventStreamParser(event -> {}, "", 16);
    parser.feed(ByteBuffer.wrap("data: 1234567\n".getBytes(UTF_8))); // 8 bytes with its LF
    assertThrows(
        SseClientException.class,
        () -> parser.feed(ByteBuffer.wrap("data: 12345678\n".getBytes(UTF_8))));
  }

  @Test
  void dataUnderMaxEventSize_passesAgainAfterEachEvent() {
    Parsed parsed = new Parsed(16);
    for (int i = 0; i < 100; i++) {
      parsed.feed("data: 123456789\n\n".getBytes(UTF_8));
    }
    assertEquals(100, parsed.events.size());
  }

  @Test
  void lastEventIdGiven_isCarriedByEventsBeforeTheFirstId() {
    List<MessageEvent<String>> events = new java.util.ArrayList<>();
    EventStreamParser parser = new EventStreamParser(events::add, "41", 1024);
    parser.feed(ByteBuffer.wrap("data: a\n\nid: 42\ndata: b\n\n".getBytes(UTF_8)));
    assertEquals(
        List.of(message("a", ""), message("b", "42")),
        events,
        "a stream's own id buffer starts empty, as the standard has it");
  }

  private static MessageEvent<String> message(String data, String lastEventId) {
    return new MessageEvent<>("message", data, lastEventId);
  }
}
