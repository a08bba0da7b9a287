package dev.sluice.internal.admit;

import dev.sluice.SseStats.Refusal;
import dev.sluice.internal.refuse.Refusals;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;

/** Refuses any method but GET, the only one an event stream answers, with 405 and {@code Allow}. */
final class GetOnly implements HttpHandler {
  private final Refusals refusals;
  private final String path;
  private final HttpHandler next;

  GetOnly(Refusals refusals, String path, HttpHandler next) {
    this.refusals = refusals;
    this.path = path;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (!exchange.getRequestMethod().equals(Methods.GET)) {
      exchange.getResponseHeaders().put(Headers.ALLOW, "GET");
      refusals.refuse(
          exchange, Refusal.METHOD_NOT_ALLOWED, "Method Not Allowed: " + path + " serves GET only");
      return;
    }
    next.handleRequest(exchange);
  }
}
