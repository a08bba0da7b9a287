package dev.sluice.internal.admit;

import dev.sluice.SseStats.Refusal;
import dev.sluice.internal.refuse.Refusals;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;

/**
 * Refuses a request whose head (request line and headers) is larger than the limit with 431 and
 * closes its connection. Undertow bounds heads too, but answers 400, which tells a client nothing
 * it can act on; its own bound is set a few times higher, so that it only cuts off heads too large
 * to be worth reading whole.
 */
public final class HeadSizeLimit implements HttpHandler {
  private final int maxBytes;
  private final HttpHandler next;
  private final Refusals refusals;

  public HeadSizeLimit(int maxBytes, HttpHandler next, Refusals refusals) {
    this.maxBytes = maxBytes;
    this.next = next;
    this.refusals = refusals;
  }

  /** The bound to give Undertow for a limit of {@code maxBytes}. */
  public static int undertowBound(int maxBytes) {
    return Math.max(4 * maxBytes, 64 * 1024);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (headSize(exchange) > maxBytes) {
      exchange.setPersistent(false);
      refusals.refuse(
          exchange,
          Refusal.HEAD_TOO_LARGE,
          "Request Header Fields Too Large: at most " + maxBytes + " bytes");
      return;
    }
    next.handleRequest(exchange);
  }

  /** The head's size as it was on the wire, near enough: each line and its CRLF. */
  private static long headSize(HttpServerExchange exchange) {
    long size =
        exchange.getRequestMethod().length()
            + exchange.getRequestURI().length()
            + exchange.getQueryString().length()
            + exchange.getProtocol().length()
            + 5;
    for (HeaderValues values : exchange.getRequestHeaders()) {
      int name = values.getHeaderName().length();
      for (String value : values) {
        size += name + value.length() + 4;
      }
    }
    return size;
  }
}
