package dev.sluice.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.wire.PathTemplate.Rule;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of the grammar, as a table: a template, and what it parses to or which rules fail. */
class PathTemplateTest {

  static Stream<Arguments> validTemplates() {
    return Stream.of(
        valid("/", "/", List.of()),
        valid("/events", "/events", List.of()),
        valid("/rooms/{room}/events", "/rooms/{}/events", List.of("room")),
        valid("/{a}/{b_2}/{_c}", "/{}/{}/{}", List.of("a", "b_2", "_c")),
        valid("/über/{x}", "/über/{}", List.of("x")), // literal segments may be any text
        valid("/a b/c+d", "/a b/c+d", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validTemplates")
  void validTemplate_parsesToItsShapeAndVariables(
      String template, String shape, List<String> variables) {
    PathTemplate parsed = PathTemplate.parse(template);
    assertEquals(List.of(), parsed.problems());
    assertEquals(shape, parsed.shape());
    assertEquals(variables, parsed.variables());
  }

  static Stream<Arguments> invalidTemplates() {
    return Stream.of(
        invalid("events", rule(Rule.START, "events")),
        invalid("/a?b", rule(Rule.CHARACTERS, "/a?b")),
        invalid("/a#b", rule(Rule.CHARACTERS, "/a#b")),
        invalid("/{a", rule(Rule.BRACES, "/{a")),
        invalid("/a}", rule(Rule.BRACES, "/a}")),
        invalid("/{{a}}", rule(Rule.BRACES, "/{{a}}")),
        invalid("/{a/b}", rule(Rule.BRACES, "/{a/b}")),
        invalid("/a//b", rule(Rule.EMPTY_SEGMENT, "/a//b")),
        invalid("/a/", rule(Rule.EMPTY_SEGMENT, "/a/")),
        invalid("//", rule(Rule.EMPTY_SEGMENT, "//")),
        invalid("/a%20b", rule(Rule.PERCENT, "/a%20b", "a%20b")),
        invalid("/{}", rule(Rule.EMPTY_VARIABLE, "/{}")),
        invalid("/{1a}", rule(Rule.VARIABLE_NAME, "/{1a}", "1a")),
        invalid("/{a-b}", rule(Rule.VARIABLE_NAME, "/{a-b}", "a-b")),
        invalid("/{é}", rule(Rule.VARIABLE_NAME, "/{é}", "é")), // ASCII only: the stricter rule
        invalid("/{a}/{a}", rule(Rule.DUPLICATE_VARIABLE, "/{a}/{a}", "a")),
        invalid("/a{b}", rule(Rule.SEGMENT, "/a{b}", "b", "a{b}")),
        invalid("/{b}.json", rule(Rule.SEGMENT, "/{b}.json", "b", "{b}.json")),
        // Every rule a template breaks, each once.
        invalid(
            "a//{x}/{x}/{x}?",
            rule(Rule.START, "a//{x}/{x}/{x}?"),
            rule(Rule.CHARACTERS, "a//{x}/{x}/{x}?"),
            rule(Rule.EMPTY_SEGMENT, "a//{x}/{x}/{x}?"),
            rule(Rule.DUPLICATE_VARIABLE, "a//{x}/{x}/{x}?", "x"),
            rule(Rule.SEGMENT, "a//{x}/{x}/{x}?", "x", "{x}?")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidTemplates")
  void invalidTemplate_breaksExactlyTheseRules(String template, List<PathTemplate.Problem> broken) {
    assertEquals(broken, PathTemplate.parse(template).problems());
  }

  @Test
  void problemMessage_statesTheRuleForTheTemplate() {
    assertEquals(
        "paths must start with '/', but \"events\" does not; write \"/events\"",
        PathTemplate.parse("events").problems().get(0).message());
    assertEquals(
        "paths are matched after the request is percent-decoded, so a literal segment cannot"
            + " contain '%', but \"/a%20\" has \"a%20\"; write the character itself, such as ' '"
            + " for %20",
        PathTemplate.parse("/a%20").problems().get(0).message());
  }

  private static Arguments valid(String template, String shape, List<String> variables) {
    return Arguments.of(template, shape, variables);
  }

  private static Arguments invalid(String template, PathTemplate.Problem... broken) {
    return Arguments.of(template, List.of(broken));
  }

  private static PathTemplate.Problem rule(Rule rule, String... arguments) {
    return new PathTemplate.Problem(rule, List.of(arguments));
  }
}
