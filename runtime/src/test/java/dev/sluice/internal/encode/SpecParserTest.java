package dev.sluice.internal.encode;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sluice.internal.encode.SpecParser.ParsedEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks the test oracle against the examples in the WHATWG spec (section 9.2.5 "Event stream
 * format"), so an encoder test that fails points at the encoder, not at the parser.
 */
class SpecParserTest {
  private static List<ParsedEvent> read(String stream) {
    return SpecParser.parse(stream.getBytes(UTF_8)).events();
  }

  @Test
  void specExample_idIsKeptAndAnEmptyIdResetsIt_unterminatedEventIsDiscarded() {
    String stream =
        ": test stream\n"
            + "\n"
            + "data: first event\n"
            + "id: 1\n"
            + "\n"
            + "data:second event\n"
            + "id\n"
            + "\n"
            + "data:  third event\n";

    assertEquals(
        List.of(
            new ParsedEvent("message", "first event", "1"),
            new ParsedEvent("message", "second event", "")),
        read(stream));
  }

  @Test
  void specExample_emptyDataLinesDispatchEmptyAndNewlineData() {
    assertEquals(
        List.of(new ParsedEvent("message", "", ""), new ParsedEvent("message", "\n", "")),
        read("data\n\ndata\ndata\n\ndata:"));
  }

  @Test
  void specExample_oneSpaceAfterColonIsOptional() {
    assertEquals(
        List.of(new ParsedEvent("message", "test", ""), new ParsedEvent("message", "test", "")),
        read("data:test\n\ndata: test\n\n"));
  }

  @Test
  void lineEndings_crlfLoneCrAndLoneLfAllEndALine() {
    assertEquals(
        List.of(new ParsedEvent("message", "a\nb\nc", "")),
        read("data: a\r\ndata: b\rdata: c\n\r\n"));
  }

  @Test
  void bom_oneLeadingBomIsStripped_aSecondIsPartOfTheFieldName() {
    assertEquals(List.of(new ParsedEvent("message", "x", "")), read("\uFEFFdata: x\n\n"));
    assertEquals(List.of(), read("\uFEFF\uFEFFdata: x\n\n"));
  }

  @Test
  void eventField_setsTheType_emptyTypeMeansMessage() {
    assertEquals(
        List.of(new ParsedEvent("add", "1", ""), new ParsedEvent("message", "2", "")),
        read("event: add\ndata: 1\n\nevent:\ndata: 2\n\n"));
  }

  @Test
  void idWithNul_isIgnored() {
    SpecParser parser = SpecParser.parse("id: 1\n\nid: 2\0\ndata: x\n\n".getBytes(UTF_8));

    assertEquals(List.of(new ParsedEvent("message", "x", "1")), parser.events());
  }

  @Test
  void idWithoutData_updatesLastEventIdButDispatchesNothing() {
    SpecParser parser = SpecParser.parse("id: 7\nevent: e\n\ndata: x\n\n".getBytes(UTF_8));

    assertEquals(List.of(new ParsedEvent("message", "x", "7")), parser.events());
    assertEquals("7", parser.lastEventId());
  }

  @Test
  void retry_onlyAsciiDigitsAreRead() {
    SpecParser parser =
        SpecParser.parse("retry: 10\nretry: 1.5\nretry: x\nretry:\nretry: 20\n".getBytes(UTF_8));

    assertEquals(List.of(10L, 20L), parser.retries());
    assertEquals(20L, parser.reconnectionTime());
  }

  @Test
  void unknownFieldsAndComments_areIgnored() {
    SpecParser parser = SpecParser.parse(": hi\nfoo: bar\nDATA: x\n\n".getBytes(UTF_8));

    assertEquals(List.of(), parser.events());
    assertNull(parser.reconnectionTime());
  }
}
