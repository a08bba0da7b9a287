package dev.sluice.processor.openapi;

import java.util.List;
import java.util.Map;

/**
 * Writes a {@link JsonObject} as indented JSON text: two spaces a level, one member or element a
 * line, {@code "name": value}, a newline at the end. Characters outside ASCII are written as they
 * are (the files are UTF-8); control characters, quotes and backslashes are escaped.
 */
final class JsonText {
  private JsonText() {}

  static String write(JsonObject object) {
    StringBuilder out = new StringBuilder();
    value(object, 0, out);
    return out.append('\n').toString();
  }

  private static void value(Object value, int depth, StringBuilder out) {
    if (value instanceof JsonObject object) {
      object(object.members(), depth, out);
    } else if (value instanceof List<?> list) {
      list(list, depth, out);
    } else if (value instanceof String text) {
      string(text, out);
    } else {
      out.append(value); // Integer, Long or Boolean
    }
  }

  private static void object(Map<String, Object> members, int depth, StringBuilder out) {
    if (members.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    String separator = "\n";
    for (Map.Entry<String, Object> member : members.entrySet()) {
      out.append(separator);
      indent(depth + 1, out);
      string(member.getKey(), out);
      out.append(": ");
      value(member.getValue(), depth + 1, out);
      separator = ",\n";
    }
    out.append('\n');
    indent(depth, out);
    out.append('}');
  }

  private static void list(List<?> list, int depth, StringBuilder out) {
    if (list.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    String separator = "\n";
    for (Object item : list) {
      out.append(separator);
      indent(depth + 1, out);
      value(item, depth + 1, out);
      separator = ",\n";
    }
    out.append('\n');
    indent(depth, out);
    out.append(']');
  }

  private static void indent(int depth, StringBuilder out) {
    out.append("  ".repeat(depth));
  }

  private static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
