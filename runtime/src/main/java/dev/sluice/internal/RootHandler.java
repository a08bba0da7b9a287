package dev.sluice.internal;

import dev.sluice.SseStats.Refusal;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;

/**
 * The server's root handler: routes each request by path to a generated endpoint or to a plain
 * Undertow handler the application registered, and answers 404 for anything else.
 */
public final class RootHandler implements HttpHandler {
  private final Router<Object> router;
  private final Refusals refusals;

  RootHandler(Router<Object> router, Refusals refusals) {
    this.router = router;
    this.refusals = refusals;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    Router.Match<Object> match = router.match(rawPath(exchange));
    if (match == null) {
      refusals.refuse(exchange, Refusal.NOT_FOUND, "Not Found: " + exchange.getRequestPath());
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

  /** The path as the client sent it, still percent-encoded, so '%2F' stays in its segment. */
  private static String rawPath(HttpServerExchange exchange) {
    String uri = exchange.getRequestURI();
    if (!uri.startsWith("/")) { // absolute-form: http://host/path
      int scheme = uri.indexOf("://");
      int slash = scheme < 0 ? -1 : uri.indexOf('/', scheme + 3);
      uri = slash < 0 ? "/" : uri.substring(slash);
    }
    int semicolon = uri.indexOf(';');
    return semicolon < 0 ? uri : uri.substring(0, semicolon);
  }

  /** An application's own handler for a path template. */
  record PlainRoute(String template, HttpHandler handler) {}
}
