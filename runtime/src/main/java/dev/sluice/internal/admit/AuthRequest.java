package dev.sluice.internal.admit;

import dev.sluice.SseAuthenticator;
import dev.sluice.spi.BadParameterException;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import java.net.InetSocketAddress;
import java.util.Optional;

/** What an authenticator sees of an exchange: read-only, and never on the I/O thread. */
final class AuthRequest implements SseAuthenticator.Request {
  private final HttpServerExchange exchange;
  private final ExchangeRequest request;
  private final String endpoint;

  AuthRequest(HttpServerExchange exchange, String endpoint) {
    this.exchange = exchange;
    this.request = new ExchangeRequest(exchange);
    this.endpoint = endpoint;
  }

  @Override
  public String method() {
    return exchange.getRequestMethod().toString();
  }

  @Override
  public String path() {
    return exchange.getRequestPath();
  }

  @Override
  public String endpoint() {
    return endpoint;
  }

  @Override
  public Optional<String> pathParam(String name) {
    return Optional.ofNullable(request.pathParam(name));
  }

  @Override
  public Optional<String> queryParam(String name) {
    return Optional.ofNullable(request.queryParam(name));
  }

  @Override
  public Optional<String> header(String name) {
    return Optional.ofNullable(request.header(name));
  }

  /**
   * @throws BadParameterException when the request's cookies cannot be parsed (too many of them,
   *     say): the client's mistake, a 400, and never the text of the header
   */
  @Override
  public Optional<String> cookie(String name) {
    Cookie cookie;
    try {
      cookie = exchange.getRequestCookie(name);
    } catch (IllegalArgumentException | IllegalStateException e) { // unparsable, or too many
      throw new BadParameterException("Malformed Cookie header");
    }
    return cookie == null ? Optional.empty() : Optional.ofNullable(cookie.getValue());
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return exchange.getSourceAddress();
  }

  @Override
  public boolean secure() {
    return exchange.isSecure();
  }
}
