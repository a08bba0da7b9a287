package dev.sluice.wire;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A path template such as {@code /rooms/{room}/events}: literal segments and whole-segment {@code
 * {name}} variables. The one grammar of paths: the processor checks {@code @SseEndpoint} paths with
 * it at compile time, and the runtime routes with it (and checks the templates of plain handlers
 * given to its builders), so what compiles is what is served.
 *
 * <p>The rules, each a {@link Rule}: a template starts with {@code /}; has no {@code ?} or {@code
 * #}, no empty segment ({@code //} or a trailing {@code /}; {@code /} alone is the root) and no
 * {@code %} in a literal segment (requests are matched after percent-decoding); a variable is a
 * whole segment, named with ASCII letters, digits and {@code _} (not starting with a digit), and
 * appears once. Immutable.
 */
public final class PathTemplate {
  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern WHOLE_SEGMENT_VARIABLE = Pattern.compile("\\{[^{}]*}");

  /**
   * A rule of the grammar, stated as a message format whose first argument is the template. Each
   * reads after the word that names what the path belongs to: "@SseEndpoint paths must start ..".
   */
  public enum Rule {
    START("paths must start with '/', but \"%1$s\" does not; write \"/%1$s\""),
    CHARACTERS("paths cannot contain '?' or '#', but \"%s\" does"),
    BRACES(
        "path variables are written {name}, with balanced braces and no nesting, but \"%s\" has"
            + " unbalanced or nested braces"),
    EMPTY_SEGMENT(
        "paths cannot have empty segments (a '//' or a trailing '/'), which proxies and clients"
            + " merge or drop, but \"%s\" has one; remove the extra '/'"),
    PERCENT(
        "paths are matched after the request is percent-decoded, so a literal segment cannot"
            + " contain '%%', but \"%s\" has \"%s\"; write the character itself, such as ' ' for"
            + " %%20"),
    EMPTY_VARIABLE("path variables need a name, but \"%s\" has {}; write {name}"),
    VARIABLE_NAME(
        "path variable names are ASCII letters, digits and '_', not starting with a digit, but"
            + " \"%s\" has {%s}"),
    DUPLICATE_VARIABLE(
        "path variables must be distinct, but \"%s\" has {%s} more than once; rename one"),
    SEGMENT(
        "path variables must be whole segments, like /a/{b}/c, but \"%s\" has {%s} inside the"
            + " segment \"%s\"");

    private final String format;

    Rule(String format) {
      this.format = format;
    }

    /** The rule as a {@link String#format} pattern; {@link Problem#arguments()} fill it. */
    public String format() {
      return format;
    }
  }

  /**
   * A broken rule, with what fills its message: the template first, then the name or segment at
   * fault.
   */
  public record Problem(Rule rule, List<String> arguments) {
    public Problem {
      arguments = List.copyOf(arguments);
    }

    /** The rule's statement for this template: "paths must start with '/', but .." */
    public String message() {
      return String.format(rule.format(), arguments.toArray());
    }
  }

  /** A segment: literal text, or a variable's name. */
  public record Segment(String value, boolean isVariable) {}

  private final String template;
  private final List<Segment> segments;
  private final List<String> variables;
  private final List<Problem> problems;

  private PathTemplate(
      String template, List<Segment> segments, List<String> variables, List<Problem> problems) {
    this.template = template;
    this.segments = List.copyOf(segments);
    this.variables = List.copyOf(variables);
    this.problems = List.copyOf(problems);
  }

  /** Parses {@code template}, collecting every rule it breaks (each once). */
  public static PathTemplate parse(String template) {
    Set<Problem> problems = new LinkedHashSet<>();
    List<Segment> segments = new ArrayList<>();
    List<String> variables = new ArrayList<>();
    if (!template.startsWith("/")) {
      problems.add(problem(Rule.START, template));
    }
    if (template.indexOf('?') >= 0 || template.indexOf('#') >= 0) {
      problems.add(problem(Rule.CHARACTERS, template));
    }
    if (!bracesBalanced(template)) {
      problems.add(problem(Rule.BRACES, template));
      return new PathTemplate(template, segments, variables, new ArrayList<>(problems));
    }
    String[] parts = template.split("/", -1);
    // parts[0] is what precedes the leading '/'; "/" alone, the root, has no segment.
    for (int i = 1; i < parts.length && !template.equals("/"); i++) {
      String segment = parts[i];
      if (segment.isEmpty()) {
        problems.add(problem(Rule.EMPTY_SEGMENT, template));
      }
      if (segment.indexOf('{') < 0) {
        if (segment.indexOf('%') >= 0) {
          problems.add(problem(Rule.PERCENT, template, segment));
        }
        segments.add(new Segment(segment, false));
      } else if (WHOLE_SEGMENT_VARIABLE.matcher(segment).matches()) {
        String name = segment.substring(1, segment.length() - 1);
        if (name.isEmpty()) {
          problems.add(problem(Rule.EMPTY_VARIABLE, template));
        } else if (!VARIABLE_NAME.matcher(name).matches()) {
          problems.add(problem(Rule.VARIABLE_NAME, template, name));
        } else if (variables.contains(name)) {
          problems.add(problem(Rule.DUPLICATE_VARIABLE, template, name));
        } else {
          variables.add(name);
        }
        segments.add(new Segment(name, true));
      } else {
        int open = segment.indexOf('{');
        String name = segment.substring(open + 1, segment.indexOf('}', open));
        problems.add(problem(Rule.SEGMENT, template, name, segment));
        segments.add(new Segment(segment, false));
      }
    }
    return new PathTemplate(template, segments, variables, new ArrayList<>(problems));
  }

  private static Problem problem(Rule rule, String... arguments) {
    return new Problem(rule, List.of(arguments));
  }

  /** Every '{' closed by a '}' before the next '{' or '/'. */
  private static boolean bracesBalanced(String template) {
    boolean open = false;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '{') {
        if (open) {
          return false;
        }
        open = true;
      } else if (c == '}') {
        if (!open) {
          return false;
        }
        open = false;
      } else if (c == '/' && open) {
        return false;
      }
    }
    return !open;
  }

  /** The template as written. */
  public String template() {
    return template;
  }

  /** The segments after the leading '/', in order; none for the root. */
  public List<Segment> segments() {
    return segments;
  }

  /** The variables' names, in order. */
  public List<String> variables() {
    return variables;
  }

  /** Every rule the template breaks, in the order found; empty when it is valid. */
  public List<Problem> problems() {
    return problems;
  }

  public boolean isValid() {
    return problems.isEmpty();
  }

  /**
   * The template with every variable written {@code {}}: {@code /a/{x}} and {@code /a/{y}}, which
   * match the same requests, have the same shape. Only for a valid template.
   */
  public String shape() {
    StringBuilder s = new StringBuilder();
    for (Segment segment : segments) {
      s.append('/').append(segment.isVariable() ? "{}" : segment.value());
    }
    return s.length() == 0 ? "/" : s.toString();
  }

  @Override
  public String toString() {
    return template;
  }
}
