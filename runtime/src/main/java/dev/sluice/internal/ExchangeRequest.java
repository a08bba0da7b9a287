package dev.sluice.internal;

import dev.sluice.spi.SseRequest;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** An {@link SseRequest} over an Undertow exchange and the variables its path matched. */
final class ExchangeRequest implements SseRequest {
  private static final String LAST_EVENT_ID = "Last-Event-ID";

  private final HttpServerExchange exchange;
  private final Map<String, String> pathVariables;
  private final Object principal;

  ExchangeRequest(
      HttpServerExchange exchange, Map<String, String> pathVariables, Object principal) {
    this.exchange = exchange;
    this.pathVariables = pathVariables;
    this.principal = principal;
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
