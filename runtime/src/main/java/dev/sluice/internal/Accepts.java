package dev.sluice.internal;

import io.undertow.util.HeaderValues;
import java.util.Locale;

/** Reads an {@code Accept} header: does the client take {@code text/event-stream}? */
final class Accepts {
  private Accepts() {}

  /** True when the header is absent or one of its ranges matches with a non-zero quality. */
  static boolean eventStream(HeaderValues accept) {
    if (accept == null || accept.isEmpty()) {
      return true;
    }
    for (String header : accept) {
      for (String range : header.split(",")) {
        String[] parts = range.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        if ((type.equals("text/event-stream") || type.equals("text/*") || type.equals("*/*"))
            && quality(parts) > 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      if (p.startsWith("q=") || p.startsWith("Q=")) {
        try {
          return Double.parseDouble(p.substring(2).trim());
        } catch (NumberFormatException e) {
          return 0; // unreadable weights rule the range out, as RFC 9110 does not define them
        }
      }
    }
    return 1;
  }
}
