package dev.sluice.internal.admit;

import dev.sluice.SseStats.Refusal;
import dev.sluice.internal.refuse.Refusals;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.util.Locale;

/**
 * Refuses with 406 a request whose {@code Accept} rules out {@code text/event-stream}: one that has
 * the header, none of whose ranges match it with a non-zero quality.
 */
final class AcceptsEventStream extends AdmissionStep {
  private final Refusals refusals;
  private final String path;

  AcceptsEventStream(Refusals refusals, String path, AdmissionStep next) {
    super(next);
    this.refusals = refusals;
    this.path = path;
  }

  @Override
  boolean admits(EndpointRequest request) {
    HttpServerExchange exchange = request.exchange();
    if (accepts(exchange.getRequestHeaders().get(Headers.ACCEPT))) {
      return true;
    }
    refusals.refuse(
        exchange,
        Refusal.NOT_ACCEPTABLE,
        "Not Acceptable: " + path + " produces text/event-stream only");
    return false;
  }

  /** True when the header is absent or one of its ranges matches with a non-zero quality. */
  static boolean accepts(HeaderValues accept) {
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
