package dev.sluice.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed path template such as {@code /rooms/{room}/events}: literal segments and whole-segment
 * {@code {name}} variables. The processor checks the same rules at compile time; plain handlers
 * given to the builder are checked here.
 */
final class PathTemplate {
  private final String template;
  private final List<String> segments;

  private PathTemplate(String template, List<String> segments) {
    this.template = template;
    this.segments = segments;
  }

  /**
   * Parses {@code template}.
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  public static PathTemplate parse(String template) {
    if (template == null || !template.startsWith("/")) {
      throw new IllegalArgumentException("Path template must start with '/': " + template);
    }
    if (template.indexOf('?') >= 0 || template.indexOf('#') >= 0) {
      throw new IllegalArgumentException("Path template must not contain '?' or '#': " + template);
    }
    List<String> segments = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String segment : template.substring(1).split("/", -1)) {
      if (segment.startsWith("{") && segment.endsWith("}")) {
        String name = segment.substring(1, segment.length() - 1);
        if (!isIdentifier(name)) {
          throw new IllegalArgumentException(
              "Path variable must be a name such as {room}, got " + segment + " in " + template);
        }
        if (!names.add(name)) {
          throw new IllegalArgumentException(
              "Path variable {" + name + "} appears twice in " + template);
        }
      } else if (segment.indexOf('{') >= 0 || segment.indexOf('}') >= 0) {
        throw new IllegalArgumentException(
            "Path variables must be whole segments such as /{room}/, got "
                + segment
                + " in "
                + template);
      }
      segments.add(segment);
    }
    return new PathTemplate(template, List.copyOf(segments));
  }

  private static boolean isIdentifier(String name) {
    if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
      return false;
    }
    return name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_');
  }

  public String template() {
    return template;
  }

  /** The segments after the leading '/'; a variable is kept as {@code {name}}. */
  List<String> segments() {
    return segments;
  }

  static boolean isVariable(String segment) {
    return segment.startsWith("{");
  }

  static String variableName(String segment) {
    return segment.substring(1, segment.length() - 1);
  }

  /** The template with variable names erased: two templates with the same shape clash. */
  String shape() {
    StringBuilder s = new StringBuilder();
    for (String segment : segments) {
      s.append('/').append(isVariable(segment) ? "{}" : segment);
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return template;
  }
}
