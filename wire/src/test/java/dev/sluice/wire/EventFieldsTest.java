package dev.sluice.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.wire.EventFields.Problem;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which names and ids can be written, as a table: the value and its problem (null: none). */
class EventFieldsTest {

  static Stream<Arguments> names() {
    return Stream.of(
        Arguments.of("message", null),
        Arguments.of("quote.updated", null),
        Arguments.of(" padded ", null),
        Arguments.of("ünïcode 😀", null),
        Arguments.of("with\0nul", null), // a NUL is kept in a name; only ids are ignored for it
        Arguments.of("", Problem.BLANK),
        Arguments.of(" \t", Problem.BLANK),
        Arguments.of("a\nb", Problem.LINE_BREAK),
        Arguments.of("a\rb", Problem.LINE_BREAK),
        Arguments.of("a\r\n", Problem.LINE_BREAK));
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @MethodSource("names")
  void eventName_hasThisProblem(String name, Problem expected) {
    assertEquals(expected, EventFields.nameProblem(name));
  }

  static Stream<Arguments> ids() {
    return Stream.of(
        Arguments.of("42", null),
        Arguments.of("", null), // an empty id resets the client's last event id
        Arguments.of(" ", null),
        Arguments.of("1764698161234-0", null),
        Arguments.of("a\nb", Problem.LINE_BREAK),
        Arguments.of("a\r", Problem.LINE_BREAK),
        Arguments.of("a\0b", Problem.NUL));
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @MethodSource("ids")
  void eventId_hasThisProblem(String id, Problem expected) {
    assertEquals(expected, EventFields.idProblem(id));
  }
}
