package dev.sluice.internal.admit;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * One check of a request's admission, on the I/O thread: it answers the request itself (a refusal,
 * or a preflight's answer), or passes it on to the next.
 */
abstract class AdmissionCheck implements HttpHandler {
  private final HttpHandler next;

  AdmissionCheck(HttpHandler next) {
    this.next = next;
  }

  @Override
  public final void handleRequest(HttpServerExchange exchange) throws Exception {
    if (admits(exchange)) {
      next.handleRequest(exchange);
    }
  }

  /** Whether the request goes on; when it does not, this check has answered it. */
  abstract boolean admits(HttpServerExchange exchange);
}
