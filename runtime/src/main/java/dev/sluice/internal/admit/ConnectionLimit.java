package dev.sluice.internal.admit;

import dev.sluice.internal.close.Place;
import dev.sluice.internal.refuse.Refusals;
import io.undertow.server.HttpServerExchange;

/**
 * Takes the request's place on its HTTP/2 connection ({@link Http2Guard}), or refuses it with 429:
 * the connection holds its most event streams, or reset too many lately.
 */
final class ConnectionLimit extends AdmissionStep {
  private final Http2Guard guard;
  private final Refusals refusals;
  private final String label;

  ConnectionLimit(Http2Guard guard, Refusals refusals, String label, AdmissionStep next) {
    super(next);
    this.guard = guard;
    this.refusals = refusals;
    this.label = label;
  }

  @Override
  boolean admits(EndpointRequest request) {
    HttpServerExchange exchange = request.exchange();
    Place place = guard.admit(exchange);
    if (place == null) {
      refusals.unavailable(exchange, guard.refusal(exchange), label);
      return false;
    }
    request.place(place);
    return true;
  }
}
