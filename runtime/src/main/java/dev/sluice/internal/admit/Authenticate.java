package dev.sluice.internal.admit;

import dev.sluice.SseAuthenticator;
import dev.sluice.SseStats.Refusal;
import dev.sluice.SseStatusException;
import dev.sluice.internal.log.Redacted;
import dev.sluice.internal.log.ThrottledLog;
import dev.sluice.internal.refuse.Refusals;
import dev.sluice.spi.BadParameterException;
import dev.sluice.spi.SseRoute;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Knows who is asking, off the I/O thread: runs the authenticator providing the route's principal
 * or, for a route that takes none, every authenticator of the handler, each of which may refuse the
 * request. An anonymous request to a route that requires its principal gets 401 with the
 * authenticator's challenge; an authenticator's {@code SseStatusException} its status; anything
 * else it throws 500, logged without its message (it may quote the credential it rejected).
 * Immutable.
 */
final class Authenticate extends AdmissionStep {
  private static final ThrottledLog FAILED =
      new ThrottledLog(
          System.getLogger("dev.sluice.auth"),
          Level.ERROR,
          "An authenticator failed; answered 500");
  private static final String WWW_AUTHENTICATE = "WWW-Authenticate";

  private final List<Authenticator> run;
  private final Authenticator provider;
  private final boolean required;
  private final Refusals refusals;
  private final String path;
  private final String label;

  private Authenticate(
      List<Authenticator> run,
      Authenticator provider,
      boolean required,
      Refusals refusals,
      String label,
      SseRoute route,
      AdmissionStep next) {
    super(next);
    this.run = run;
    this.provider = provider;
    this.required = required;
    this.refusals = refusals;
    this.path = route.path();
    this.label = label;
  }

  /**
   * What {@code route} runs, among {@code authenticators}, before {@code next}: {@code next} itself
   * when nothing runs.
   *
   * @throws IllegalArgumentException if the route takes a principal that none of them provides, or
   *     that more than one does
   */
  static AdmissionStep before(
      AdmissionStep next,
      SseRoute route,
      List<Authenticator> authenticators,
      Refusals refusals,
      String label) {
    Class<?> wanted = route.principalType();
    if (wanted == null) {
      return authenticators.isEmpty()
          ? next
          : new Authenticate(
              List.copyOf(authenticators), null, false, refusals, label, route, next);
    }
    List<Authenticator> providers = new ArrayList<>();
    for (Authenticator authenticator : authenticators) {
      if (wanted.isAssignableFrom(authenticator.type())) {
        providers.add(authenticator);
      }
    }
    if (providers.isEmpty()) {
      throw new IllegalArgumentException(
          "The endpoint "
              + label
              + " takes an @Authenticated "
              + wanted.getName()
              + ", but no authenticator provides one; add authenticator("
              + wanted.getSimpleName()
              + ".class, request -> ...) to the builder");
    }
    if (providers.size() > 1) {
      throw new IllegalArgumentException(
          "The endpoint "
              + label
              + " takes an @Authenticated "
              + wanted.getName()
              + ", which more than one authenticator provides ("
              + providers.stream().map(Authenticator::typeName).collect(Collectors.joining(", "))
              + "); make its parameter one of those types");
    }
    Authenticator provider = providers.get(0);
    return new Authenticate(
        List.of(provider), provider, route.principalRequired(), refusals, label, route, next);
  }

  /** Off the I/O thread. */
  @Override
  boolean admits(EndpointRequest request) {
    HttpServerExchange exchange = request.exchange();
    Object principal;
    try {
      principal = authenticate(new Request(request, path));
    } catch (BadParameterException e) {
      refusals.refuse(exchange, Refusal.BAD_PARAMETER, "Bad Request: " + e.getMessage());
      return false;
    } catch (SseStatusException e) {
      refusals.refuse(
          exchange,
          Refusal.AUTHENTICATION_REFUSED,
          e.status(),
          CallEndpoint.messageOf(e),
          e.headers());
      return false;
    } catch (Exception | Error e) { // an Error too: the client must not hang
      // Its message may quote the credential it rejected: the type and frames only.
      FAILED.log(() -> label, Redacted.of(e));
      refusals.refuse(exchange, Refusal.AUTHENTICATION_ERROR, "Internal Server Error");
      return false;
    }
    if (principal == null && required) {
      refusals.refuse(
          exchange,
          Refusal.UNAUTHENTICATED,
          401,
          "Unauthorized: " + path + " streams to signed-in clients only",
          Map.of(WWW_AUTHENTICATE, provider.challenge()));
      return false;
    }
    request.principal(principal);
    return true;
  }

  /**
   * Runs the authenticators, in order.
   *
   * @return the route's principal, or null: anonymous, or a route that takes none
   * @throws SseStatusException when an authenticator refuses the request
   * @throws Exception whatever else an authenticator throws; a principal of the wrong type (a raw
   *     authenticator's doing) as a {@link ClassCastException}
   */
  private Object authenticate(SseAuthenticator.Request request) throws Exception {
    Object principal = null;
    for (Authenticator authenticator : run) {
      Object made = authenticator.authenticator().authenticate(request);
      if (made != null && !authenticator.type().isInstance(made)) {
        throw new ClassCastException(
            "The authenticator for "
                + authenticator.typeName()
                + " returned a "
                + made.getClass().getName());
      }
      if (authenticator == provider) {
        principal = made;
      }
    }
    return principal;
  }

  /** What an authenticator sees of an exchange: read-only, and never on the I/O thread. */
  private static final class Request implements SseAuthenticator.Request {
    private final HttpServerExchange exchange;
    private final EndpointRequest request;
    private final String endpoint;

    Request(EndpointRequest request, String endpoint) {
      this.exchange = request.exchange();
      this.request = request;
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
}
