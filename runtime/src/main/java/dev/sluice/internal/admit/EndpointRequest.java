package dev.sluice.internal.admit;

import dev.sluice.internal.close.Permit;
import dev.sluice.internal.close.Place;
import dev.sluice.spi.SseRequest;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A request for an endpoint on its way through admission: its exchange, the variables its path
 * matched, and what the steps took for it (its place on its HTTP/2 connection, its permit, its
 * principal); then what the generated route reads of it. One per request, and not kept once its
 * event stream opens: an idle event stream holds none of it.
 */
final class EndpointRequest implements SseRequest {
  private static final String LAST_EVENT_ID = "Last-Event-ID";

  private final HttpServerExchange exchange;
  private final Map<String, String> pathVariables;
  private Place place = Place.NONE;
  private Permit permit;
  private Object principal;

  EndpointRequest(HttpServerExchange exchange, Map<String, String> pathVariables) {
    this.exchange = exchange;
    this.pathVariables = pathVariables;
  }

  HttpServerExchange exchange() {
    return exchange;
  }

  /** Its place on its HTTP/2 connection; {@link Place#NONE} on HTTP/1.1. */
  Place place() {
    return place;
  }

  void place(Place taken) {
    place = taken;
  }

  /** The permit its event stream holds, once the limits admitted it. */
  Permit permit() {
    return permit;
  }

  void permit(Permit taken) {
    permit = taken;
  }

  void principal(Object made) {
    principal = made;
  }

  @Override
  public String pathParam(String name) {
    return pathVariables.get(name);
  }

  @Override
  public String queryParam(String name) {
    Deque<String> values = exchange.getQueryParameters().get(name);
    return values == null ? null : values.peekFirst();
  }

  @Override
  public List<String> queryParams(String name) {
    Deque<String> values = exchange.getQueryParameters().get(name);
    return values == null ? List.of() : List.copyOf(values);
  }

  @Override
  public String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  @Override
  public List<String> headers(String name) {
    HeaderValues values = exchange.getRequestHeaders().get(name);
    return values == null ? List.of() : List.copyOf(values);
  }

  @Override
  public String lastEventId() {
    String header = header(LAST_EVENT_ID);
    return header != null ? header : queryParam("lastEventId");
  }

  @Override
  public Object principal() {
    return principal;
  }
}
