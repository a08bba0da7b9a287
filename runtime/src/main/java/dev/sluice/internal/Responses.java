package dev.sluice.internal;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** Short plain-text responses for requests that do not open a stream. */
final class Responses {
  private Responses() {}

  /** Sends {@code status} with {@code message}; callable from any thread. */
  static void send(HttpServerExchange exchange, int status, String message) {
    if (exchange.isInIoThread()) {
      sendNow(exchange, status, message);
    } else {
      exchange.getIoThread().execute(() -> sendNow(exchange, status, message));
    }
  }

  private static void sendNow(HttpServerExchange exchange, int status, String message) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=UTF-8");
    exchange.getResponseSender().send(message + "\n");
  }
}
