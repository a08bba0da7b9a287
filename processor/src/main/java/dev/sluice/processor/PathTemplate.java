package dev.sluice.processor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed {@code @SseEndpoint} path such as {@code /rooms/{room}/events}: its variables in order,
 * and the problems that make it invalid, as complete messages.
 *
 * @param normalized the path with every variable written {@code {}}, so that {@code /a/{x}} and
 *     {@code /a/{y}}, which would match the same requests, compare equal
 */
record PathTemplate(String path, List<String> variables, String normalized, List<String> problems) {
  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern WHOLE_SEGMENT_VARIABLE = Pattern.compile("\\{[^{}]*}");

  PathTemplate {
    variables = List.copyOf(variables);
    problems = List.copyOf(problems);
  }

  boolean isValid() {
    return problems.isEmpty();
  }

  static PathTemplate parse(String path) {
    // A set: one mistake repeated in several segments is reported once.
    Set<String> problems = new LinkedHashSet<>();
    List<String> variables = new ArrayList<>();
    if (!path.startsWith("/")) {
      problems.add(Messages.PATH_START.format(path));
    }
    if (path.indexOf('?') >= 0 || path.indexOf('#') >= 0) {
      problems.add(Messages.PATH_CHARACTERS.format(path));
    }
    if (!bracesBalanced(path)) {
      problems.add(Messages.PATH_BRACES.format(path));
      return new PathTemplate(path, variables, path, new ArrayList<>(problems));
    }
    List<String> normalizedSegments = new ArrayList<>();
    String[] segments = path.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      // The text before the leading '/' is empty, and so is the one segment of "/" itself.
      if (segment.isEmpty() && i > 0 && !path.equals("/")) {
        problems.add(Messages.PATH_EMPTY_SEGMENT.format(path));
      }
      if (segment.indexOf('{') < 0) {
        if (segment.indexOf('%') >= 0) {
          problems.add(Messages.PATH_PERCENT.format(path, segment));
        }
        normalizedSegments.add(segment);
      } else if (WHOLE_SEGMENT_VARIABLE.matcher(segment).matches()) {
        String name = segment.substring(1, segment.length() - 1);
        if (name.isEmpty()) {
          problems.add(Messages.PATH_EMPTY_VARIABLE.format(path));
        } else if (!VARIABLE_NAME.matcher(name).matches()) {
          problems.add(Messages.PATH_VARIABLE_NAME.format(path, name));
        } else if (variables.contains(name)) {
          problems.add(Messages.PATH_DUPLICATE_VARIABLE.format(path, name));
        } else {
          variables.add(name);
        }
        normalizedSegments.add("{}");
      } else {
        int open = segment.indexOf('{');
        String name = segment.substring(open + 1, segment.indexOf('}', open));
        problems.add(Messages.PATH_SEGMENT.format(path, name, segment));
        normalizedSegments.add(segment);
      }
    }
    return new PathTemplate(
        path, variables, String.join("/", normalizedSegments), new ArrayList<>(problems));
  }

  /** Every '{' closed by a '}' before the next '{' or '/'. */
  private static boolean bracesBalanced(String path) {
    boolean open = false;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
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
}
