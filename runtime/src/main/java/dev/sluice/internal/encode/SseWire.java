package dev.sluice.internal.encode;

import dev.sluice.encode.Utf8Buffer;

/**
 * Writes the fields of the WHATWG "Server-sent events" wire format. Every field line is {@code
 * name: value\n}: clients strip exactly one space after the colon, so writing one keeps a value's
 * own leading space.
 */
final class SseWire {
  private SseWire() {}

  /**
   * Writes {@code data} as one {@code data:} line per line of text, splitting at CRLF, CR and LF as
   * clients do; the client joins the lines with LF. An empty string is one empty data line, which
   * dispatches an event with empty data.
   */
  static void data(CharSequence data, Utf8Buffer out) {
    lines("data: ", data, out);
  }

  /** Writes a comment, one {@code :} line per line of text; clients ignore comments. */
  static void comment(CharSequence comment, Utf8Buffer out) {
    lines(": ", comment, out);
  }

  /**
   * Writes a single-line field such as {@code event} or {@code id}; the value must hold no CR or LF
   * ({@code SseEvent} guarantees it).
   */
  static void field(String prefix, String value, Utf8Buffer out) {
    out.appendAscii(prefix).appendUtf8(value).append((byte) '\n');
  }

  /** Writes {@code retry} in whole milliseconds, the only unit clients read. */
  static void retry(long millis, Utf8Buffer out) {
    out.appendAscii("retry: ").appendDecimal(millis).append((byte) '\n');
  }

  /** Ends the event: the blank line on which clients dispatch it. */
  static void end(Utf8Buffer out) {
    out.append((byte) '\n');
  }

  private static void lines(String prefix, CharSequence text, Utf8Buffer out) {
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        out.appendAscii(prefix).appendUtf8(text, start, i).append((byte) '\n');
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    out.appendAscii(prefix).appendUtf8(text, start, n).append((byte) '\n');
  }

  /**
   * Splits the text after a {@code data: } prefix written at {@code prefixAt} into one data line
   * per line, when it has line breaks. Writers that emit bytes directly (Jackson) write the prefix
   * first and call this after: JSON has no line breaks unless the mapper pretty-prints, so the
   * common case is one scan and no copy. Does not end the last line.
   */
  static void splitDataLines(Utf8Buffer out, int prefixAt) {
    int from = prefixAt + "data: ".length();
    byte[] b = out.array();
    int end = out.size();
    int firstBreak = -1;
    for (int i = from; i < end && firstBreak < 0; i++) {
      if (b[i] == '\n' || b[i] == '\r') {
        firstBreak = i;
      }
    }
    if (firstBreak < 0) {
      return;
    }
    byte[] text = java.util.Arrays.copyOfRange(b, from, end);
    out.truncate(prefixAt);
    int start = 0;
    for (int i = firstBreak - from; i < text.length; i++) {
      byte c = text[i];
      if (c == '\n' || c == '\r') {
        out.appendAscii("data: ").append(text, start, i - start).append((byte) '\n');
        if (c == '\r' && i + 1 < text.length && text[i + 1] == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    out.appendAscii("data: ").append(text, start, text.length - start);
  }
}
