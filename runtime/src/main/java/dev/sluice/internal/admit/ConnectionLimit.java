package dev.sluice.internal.admit;

import dev.sluice.internal.close.Place;
import dev.sluice.internal.refuse.Refusals;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * Takes the request's place on its HTTP/2 connection ({@link Http2Guard}), or refuses it with 429:
 * the connection holds its most event streams, or reset too many lately.
 */
final class ConnectionLimit extends AdmissionCheck {
  /** The place taken, which the event stream's permit gives back. */
  static final AttachmentKey<Place> PLACE = AttachmentKey.create(Place.class);

  private final Http2Guard guard;
  private final Refusals refusals;
  private final String label;

  ConnectionLimit(Http2Guard guard, Refusals refusals, String label, HttpHandler next) {
    super(next);
    this.guard = guard;
    this.refusals = refusals;
    this.label = label;
  }

  @Override
  boolean admits(HttpServerExchange exchange) {
    Place place = guard.admit(exchange);
    if (place == null) {
      refusals.unavailable(exchange, guard.refusal(exchange), label);
      return false;
    }
    exchange.putAttachment(PLACE, place);
    return true;
  }
}
