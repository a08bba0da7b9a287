package dev.sluice.internal.admit;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

/**
 * Answers a CORS preflight ({@code OPTIONS} with the method it asks about) that the origin check
 * passed: the method and headers an event-stream client may use, and how long to cache that, with
 * 204. Anything else goes on.
 */
final class PreflightAnswer extends AdmissionStep {
  private static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
  private static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
  private static final HttpString MAX_AGE = new HttpString("Access-Control-Max-Age");
  private static final HttpString REQUEST_METHOD = new HttpString("Access-Control-Request-Method");

  /** What an event-stream client may send beyond the safelisted headers. */
  private static final String ALLOWED_HEADERS = "Last-Event-ID, Authorization, Cache-Control";

  /** How long a browser may cache a preflight's answer: an hour (Chromium caps it at two). */
  private static final String PREFLIGHT_MAX_AGE = "3600";

  PreflightAnswer(AdmissionStep next) {
    super(next);
  }

  @Override
  boolean admits(EndpointRequest request) {
    HttpServerExchange exchange = request.exchange();
    if (!isPreflight(exchange)) {
      return true;
    }
    HeaderMap response = exchange.getResponseHeaders();
    response.put(ALLOW_METHODS, "GET");
    response.put(ALLOW_HEADERS, ALLOWED_HEADERS);
    response.put(MAX_AGE, PREFLIGHT_MAX_AGE);
    exchange.setStatusCode(204);
    exchange.endExchange();
    return false;
  }

  private static boolean isPreflight(HttpServerExchange exchange) {
    return exchange.getRequestMethod().equalToString("OPTIONS")
        && exchange.getRequestHeaders().contains(REQUEST_METHOD)
        && exchange.getRequestHeaders().contains(Headers.ORIGIN);
  }
}
