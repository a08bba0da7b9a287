package dev.sluice.internal.admit;

import dev.sluice.SseStats.Refusal;
import dev.sluice.SseStatusException;
import dev.sluice.internal.drive.EventStreamOpener;
import dev.sluice.internal.log.ThrottledLog;
import dev.sluice.internal.refuse.Refusals;
import dev.sluice.spi.BadParameterException;
import dev.sluice.spi.SseResponse;
import dev.sluice.spi.SseRouteHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.lang.System.Logger.Level;

/**
 * The last step of admission, off the I/O thread: calls the endpoint through its generated route,
 * which converts the parameters, and opens an event stream for what it returned. The endpoint may
 * still refuse the request: a parameter it cannot convert is 400, its {@code SseStatusException}
 * the status it chose, any other failure (or its publisher's, before a first event) 500. Nothing is
 * sent, and an endpoint's broadcast replays nothing, before every check has passed.
 */
final class CallEndpoint extends AdmissionStep {
  private static final ThrottledLog ENDPOINT_THREW =
      new ThrottledLog(
          System.getLogger("dev.sluice.stream"),
          Level.ERROR,
          "An endpoint failed before its first event; answered 500");

  private final SseRouteHandler endpoint;
  private final EventStreamOpener opener;
  private final Refusals refusals;
  private final String label;

  CallEndpoint(
      SseRouteHandler endpoint, EventStreamOpener opener, Refusals refusals, String label) {
    super(null);
    this.endpoint = endpoint;
    this.opener = opener;
    this.refusals = refusals;
    this.label = label;
  }

  /** Off the I/O thread; for a blocking source, returns once its event stream ended. */
  @Override
  boolean admits(EndpointRequest request) {
    HttpServerExchange exchange = request.exchange();
    SseResponse response;
    try {
      response = endpoint.handle(request);
    } catch (BadParameterException e) {
      refusals.refuse(exchange, Refusal.BAD_PARAMETER, "Bad Request: " + e.getMessage());
      return false;
    } catch (SseStatusException e) {
      refusals.refuse(exchange, Refusal.ENDPOINT_STATUS, e.status(), messageOf(e), e.headers());
      return false;
    } catch (Exception | Error e) { // an Error too: the client must not hang
      failedBeforeFirstEvent(exchange, e);
      return false;
    }
    Throwable early = opener.open(exchange, response, request.permit());
    if (early != null) {
      failedBeforeFirstEvent(exchange, early);
    }
    return false; // the last step
  }

  static String messageOf(SseStatusException e) {
    return e.getMessage() != null ? e.getMessage() : StatusCodes.getReason(e.status());
  }

  private void failedBeforeFirstEvent(HttpServerExchange exchange, Throwable error) {
    ENDPOINT_THREW.log(() -> label, error);
    refusals.refuse(exchange, Refusal.ENDPOINT_ERROR, "Internal Server Error");
  }
}
