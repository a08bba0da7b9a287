package dev.sluice.internal.admit;

import dev.sluice.SseStats.Refusal;
import dev.sluice.internal.refuse.Refusals;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.Locale;
import java.util.Set;

/**
 * The first check: one endpoint's cross-origin rules. A request from a page of another origin that
 * is not allowed is refused with 403 before anything else is done for it, so a cross-site page
 * cannot hold event streams open (nor read or replay anything); an allowed one gets the headers
 * that let the page read every answer, refusals included. A request without {@code Origin}, or from
 * the server's own origin, passes untouched. Immutable.
 */
final class OriginCheck extends AdmissionStep {
  private static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
  private static final HttpString ALLOW_CREDENTIALS =
      new HttpString("Access-Control-Allow-Credentials");

  private final Set<String> origins;
  private final boolean anyOrigin;
  private final boolean credentials;
  private final Refusals refusals;
  private final String path;
  private final String label;

  /**
   * @param origins exact origins in lower case, or {@code *} for any
   * @param credentials whether credentials are allowed (never with {@code *})
   */
  OriginCheck(
      Set<String> origins,
      boolean credentials,
      Refusals refusals,
      String path,
      String label,
      AdmissionStep next) {
    super(next);
    this.origins = Set.copyOf(origins);
    this.anyOrigin = origins.contains("*");
    this.credentials = credentials;
    this.refusals = refusals;
    this.path = path;
    this.label = label;
  }

  /** On the I/O thread. */
  @Override
  boolean admits(EndpointRequest request) {
    HttpServerExchange exchange = request.exchange();
    HeaderMap headers = exchange.getRequestHeaders();
    String origin = headers.getFirst(Headers.ORIGIN);
    HeaderMap response = exchange.getResponseHeaders();
    // Whatever the verdict, the answer depends on Origin: a cache must not reuse it for another.
    response.add(Headers.VARY, "Origin");
    if (origin != null && !isSameOrigin(exchange, origin)) {
      if (headers.count(Headers.ORIGIN) > 1 || !allows(origin)) {
        refusals.refuseAndLog(
            exchange,
            Refusal.ORIGIN_NOT_ALLOWED,
            "Forbidden: pages of this origin may not open " + path,
            () -> "last at " + label);
        return false;
      }
      response.put(ALLOW_ORIGIN, origin);
      if (credentials) {
        response.put(ALLOW_CREDENTIALS, "true");
      }
    }
    return true;
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
