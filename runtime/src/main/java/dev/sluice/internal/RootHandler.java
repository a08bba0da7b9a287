package dev.sluice.internal;

import dev.sluice.SseStats.Refusal;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;

/**
 * Routes each request by its relative path (the part a prefix it is mounted under leaves) to a
 * generated endpoint or to a plain Undertow handler the application registered, and hands anything
 * else to the next handler, or answers 404.
 */
final class RootHandler implements HttpHandler {
  private final Router<Object> router;
  private final Refusals refusals;
  private final HttpHandler next;

  /**
   * @param next what serves the paths no route matches; null for 404
   */
  RootHandler(Router<Object> router, Refusals refusals, HttpHandler next) {
    this.router = router;
    this.refusals = refusals;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String path =
        RawPath.relative(
            exchange.getRequestURI(), exchange.getRequestPath(), exchange.getRelativePath());
    Router.Match<Object> match = path == null ? null : router.match(path);
    if (match == null) {
      if (next != null) {
        next.handleRequest(exchange);
      } else {
        refusals.refuse(exchange, Refusal.NOT_FOUND, "Not Found: " + exchange.getRequestPath());
      }
    } else if (match.target() instanceof EndpointHandler) {
      ((EndpointHandler) match.target()).handle(exchange, match.variables());
    } else {
      PlainRoute plain = (PlainRoute) match.target();
      exchange.putAttachment(
          PathTemplateMatch.ATTACHMENT_KEY,
          new PathTemplateMatch(plain.template(), match.variables()));
      plain.handler().handleRequest(exchange);
    }
  }

  /** An application's own handler for a path template. */
  record PlainRoute(String template, HttpHandler handler) {}
}
