package dev.sluice.internal;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.Locale;
import java.util.Set;

/**
 * One endpoint's cross-origin rules, applied on the I/O thread before anything else is done for the
 * request: a request from a page of another origin that is not allowed is refused with 403 before a
 * stream opens, so a cross-site page cannot hold streams open (nor read or replay anything); an
 * allowed one gets the headers that let the page read the stream; and a preflight is answered. A
 * request without {@code Origin}, or from the server's own origin, passes untouched. Immutable.
 */
public final class Cors {
  static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
  static final HttpString ALLOW_CREDENTIALS = new HttpString("Access-Control-Allow-Credentials");
  static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
  static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
  static final HttpString MAX_AGE = new HttpString("Access-Control-Max-Age");
  static final HttpString REQUEST_METHOD = new HttpString("Access-Control-Request-Method");

  /** What an event-stream client may send beyond the safelisted headers. */
  static final String ALLOWED_HEADERS = "Last-Event-ID, Authorization, Cache-Control";

  /** How long a browser may cache a preflight's answer: an hour (Chromium caps it at two). */
  static final String PREFLIGHT_MAX_AGE = "3600";

  private final Set<String> origins;
  private final boolean anyOrigin;
  private final boolean credentials;

  /**
   * @param origins exact origins in lower case, or {@code *} for any
   * @param credentials whether credentials are allowed (never with {@code *})
   */
  public Cors(Set<String> origins, boolean credentials) {
    this.origins = Set.copyOf(origins);
    this.anyOrigin = origins.contains("*");
    this.credentials = credentials;
  }

  /** What {@link #check} made of a request. */
  enum Verdict {
    /** Not cross-origin, or an allowed origin (whose headers are set): carry on. */
    PASS,
    /** Another origin that is not allowed: answer 403. */
    REFUSE
  }

  /**
   * Checks the request's {@code Origin} and, for an allowed foreign one, sets the response headers
   * every answer to it carries (a 401 too, which the page may then read). On the I/O thread.
   */
  Verdict check(HttpServerExchange exchange) {
    HeaderMap request = exchange.getRequestHeaders();
    String origin = request.getFirst(Headers.ORIGIN);
    HeaderMap response = exchange.getResponseHeaders();
    // Whatever the verdict, the answer depends on Origin: a cache must not reuse it for another.
    response.add(Headers.VARY, "Origin");
    if (origin == null || isSameOrigin(exchange, origin)) {
      return Verdict.PASS;
    }
    if (request.count(Headers.ORIGIN) > 1 || !allows(origin)) {
      return Verdict.REFUSE;
    }
    response.put(ALLOW_ORIGIN, origin);
    if (credentials) {
      response.put(ALLOW_CREDENTIALS, "true");
    }
    return Verdict.PASS;
  }

  /** Whether the request is a CORS preflight: {@code OPTIONS} with the method it asks about. */
  static boolean isPreflight(HttpServerExchange exchange) {
    return exchange.getRequestMethod().equalToString("OPTIONS")
        && exchange.getRequestHeaders().contains(REQUEST_METHOD)
        && exchange.getRequestHeaders().contains(Headers.ORIGIN);
  }

  /** After {@link #check} passed a preflight: the methods and headers allowed, then 204. */
  static void answerPreflight(HttpServerExchange exchange) {
    HeaderMap response = exchange.getResponseHeaders();
    response.put(ALLOW_METHODS, "GET");
    response.put(ALLOW_HEADERS, ALLOWED_HEADERS);
    response.put(MAX_AGE, PREFLIGHT_MAX_AGE);
    exchange.setStatusCode(204);
    exchange.endExchange();
  }

  private boolean allows(String origin) {
    return anyOrigin || origins.contains(origin.toLowerCase(Locale.ROOT));
  }

  /** The page is the server's own: its origin is the scheme and host the request was sent to. */
  private static boolean isSameOrigin(HttpServerExchange exchange, String origin) {
    String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
    if (host == null) {
      return false;
    }
    String scheme = exchange.getRequestScheme();
    return origin.equalsIgnoreCase(scheme + "://" + host);
  }
}
