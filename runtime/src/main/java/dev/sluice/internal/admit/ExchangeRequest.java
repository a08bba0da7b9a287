package dev.sluice.internal.admit;

import dev.sluice.spi.SseRequest;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.PathTemplateMatch;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * An {@link SseRequest} over an Undertow exchange: the variables its path matched (the router's
 * {@link PathTemplateMatch}), its query and headers, and the principal authenticated.
 */
final class ExchangeRequest implements SseRequest {
  private static final String LAST_EVENT_ID = "Last-Event-ID";

  private final HttpServerExchange exchange;
  private final Map<String, String> pathVariables;

  ExchangeRequest(HttpServerExchange exchange) {
    this.exchange = exchange;
    PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
    this.pathVariables = match != null ? match.getParameters() : Map.of();
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
    return exchange.getAttachment(Authenticate.PRINCIPAL);
  }
}
