package dev.sluice.internal.admit;

import dev.sluice.internal.close.EventStreams;
import dev.sluice.internal.close.Permit;
import dev.sluice.internal.close.Place;
import dev.sluice.internal.refuse.Refusals;
import io.undertow.server.HttpServerExchange;
import java.net.InetSocketAddress;

/**
 * Takes a permit for one more event stream, or refuses the request with 503 (the handler's or the
 * endpoint's most are open, or it is shutting down) or 429 (the client's address has its most). The
 * permit, which holds the connection place taken before it, is given back by the exchange's
 * completion listener, which every request that ends passes through, and by the event stream's own
 * close (Undertow never completes an HTTP/2 exchange whose HTTP/2 stream was reset).
 */
final class StreamLimit extends AdmissionStep {
  private final EventStreams streams;
  private final String path;
  private final int endpointLimit;
  private final Refusals refusals;
  private final String label;

  /**
   * @param endpointLimit the endpoint's own limit; 0 for none
   */
  StreamLimit(
      EventStreams streams,
      String path,
      int endpointLimit,
      Refusals refusals,
      String label,
      AdmissionStep next) {
    super(next);
    this.streams = streams;
    this.path = path;
    this.endpointLimit = endpointLimit;
    this.refusals = refusals;
    this.label = label;
  }

  @Override
  boolean admits(EndpointRequest request) {
    HttpServerExchange exchange = request.exchange();
    Place place = request.place();
    EventStreams.Admission admission = streams.admit(path, endpointLimit, clientAddress(exchange));
    Permit permit = admission.permit();
    if (permit == null) {
      place.release(false);
      refusals.unavailable(exchange, admission.refusal(), label);
      return false;
    }
    permit.holding(place);
    request.permit(permit);
    exchange.addExchangeCompleteListener(
        (done, nextListener) -> {
          permit.release();
          nextListener.proceed();
        });
    return true;
  }

  private static Object clientAddress(HttpServerExchange exchange) {
    InetSocketAddress source = exchange.getSourceAddress();
    return source == null || source.getAddress() == null ? "unknown" : source.getAddress();
  }
}
