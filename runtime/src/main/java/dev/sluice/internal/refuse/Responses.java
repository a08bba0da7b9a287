package dev.sluice.internal.refuse;

import io.undertow.io.AsyncSenderImpl;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.Map;

/** Short plain-text responses for requests that do not open an event stream. */
public final class Responses {
  private Responses() {}

  /** Sends {@code status} with {@code message}; callable from any thread. */
  public static void send(HttpServerExchange exchange, int status, String message) {
    send(exchange, status, message, Map.of());
  }

  /** As {@link #send(HttpServerExchange, int, String)}, with {@code Retry-After} when not null. */
  public static void send(
      HttpServerExchange exchange, int status, String message, String retryAfter) {
    send(
        exchange,
        status,
        message,
        retryAfter == null ? Map.of() : Map.of(Headers.RETRY_AFTER_STRING, retryAfter));
  }

  /**
   * As {@link #send(HttpServerExchange, int, String)}, with these headers too (checked already:
   * single lines).
   */
  public static void send(
      HttpServerExchange exchange, int status, String message, Map<String, String> headers) {
    if (exchange.isInIoThread()) {
      sendNow(exchange, status, message, headers);
    } else {
      exchange.getIoThread().execute(() -> sendNow(exchange, status, message, headers));
    }
  }

  private static void sendNow(
      HttpServerExchange exchange, int status, String message, Map<String, String> headers) {
    if (exchange.isResponseStarted()) {
      exchange.endExchange(); // an event stream that opened, then failed: nothing more to say
      return;
    }
    exchange.setStatusCode(status);
    headers.forEach(
        (name, value) -> exchange.getResponseHeaders().put(new HttpString(name), value));
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=UTF-8");
    // Behind a BlockingHandler the exchange's own sender blocks, which an I/O thread must not.
    Sender sender =
        exchange.isBlocking() ? new AsyncSenderImpl(exchange) : exchange.getResponseSender();
    sender.send(message + "\n");
  }
}
