package dev.sluice.internal.admit;

import dev.sluice.SseStats.Refusal;
import dev.sluice.internal.refuse.Refusals;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;

/** Refuses any method but GET, the only one an event stream answers, with 405 and {@code Allow}. */
final class GetOnly extends AdmissionStep {
  private final Refusals refusals;
  private final String path;

  GetOnly(Refusals refusals, String path, AdmissionStep next) {
    super(next);
    this.refusals = refusals;
    this.path = path;
  }

  @Override
  boolean admits(EndpointRequest request) {
    HttpServerExchange exchange = request.exchange();
    if (exchange.getRequestMethod().equals(Methods.GET)) {
      return true;
    }
    exchange.getResponseHeaders().put(Headers.ALLOW, "GET");
    refusals.refuse(
        exchange, Refusal.METHOD_NOT_ALLOWED, "Method Not Allowed: " + path + " serves GET only");
    return false;
  }
}
