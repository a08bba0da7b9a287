package dev.sluice.internal.route;

import dev.sluice.SseStats.Refusal;
import dev.sluice.internal.refuse.Refusals;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Map;

/**
 * Routes each request by its relative path (the part a prefix it is mounted under leaves) to an
 * endpoint's admission or to a plain Undertow handler the application registered, with the
 * variables its path matched; anything else goes to the next handler, or gets 404.
 */
final class RootHandler implements HttpHandler {
  private final Router<Target> router;
  private final Refusals refusals;
  private final HttpHandler next;

  /**
   * @param next what serves the paths no route matches; null for 404
   */
  RootHandler(Router<Target> router, Refusals refusals, HttpHandler next) {
    this.router = router;
    this.refusals = refusals;
    this.next = next;
  }

  /** What a path template routes to: an endpoint's admission, or an application's handler. */
  @FunctionalInterface
  interface Target {
    /** On the I/O thread: serves a request whose path matched these variables. */
    void serve(HttpServerExchange exchange, Map<String, String> pathVariables) throws Exception;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String path =
        RawPath.relative(
            exchange.getRequestURI(), exchange.getRequestPath(), exchange.getRelativePath());
    Router.Match<Target> match = path == null ? null : router.match(path);
    if (match == null) {
      if (next != null) {
        next.handleRequest(exchange);
      } else {
        refusals.refuse(exchange, Refusal.NOT_FOUND, "Not Found: " + exchange.getRequestPath());
      }
      return;
    }
    match.target().serve(exchange, match.variables());
  }
}
