package dev.sluice.internal;

import dev.sluice.spi.SseRoute;
import io.undertow.server.HttpHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Builds the {@link RootHandler} of one {@code SseHandler}: generated routes, plain handlers. */
public final class Routes {
  /** Streams one HTTP/2 connection may reset in the window: Undertow's own default bound. */
  private static final int MAX_RESETS = 200;

  private static final long RESET_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final Router<Object> router = new Router<>();
  private final StreamThreads streamThreads;
  private final StreamSettings settings;
  private final Refusals refusals;
  private final Http2Guard http2;
  private final List<Authentication.Authenticator> authenticators;
  private final long maxStreamAgeNanos;

  /**
   * @param maxStreamsPerConnection the most event streams one HTTP/2 connection may hold
   * @param authenticators the handler's, in the order they were registered
   * @param maxStreamAgeNanos the age at which streams are rotated; 0 for never
   */
  public Routes(
      StreamThreads streamThreads,
      StreamSettings settings,
      int maxStreamsPerConnection,
      List<Authentication.Authenticator> authenticators,
      long maxStreamAgeNanos) {
    this.streamThreads = streamThreads;
    this.settings = settings;
    this.refusals = new Refusals(settings.streams());
    this.http2 = new Http2Guard(maxStreamsPerConnection, MAX_RESETS, RESET_WINDOW_NANOS);
    this.authenticators = List.copyOf(authenticators);
    this.maxStreamAgeNanos = maxStreamAgeNanos;
  }

  /**
   * @param cors the route's cross-origin rules
   * @throws IllegalArgumentException if the path is already routed, or if the route takes a
   *     principal that no authenticator (or more than one) provides
   */
  public void add(SseRoute route, Cors cors) {
    Authentication authentication = Authentication.of(route, authenticators);
    router.add(
        PathTemplate.parse(route.path()),
        new EndpointHandler(
            route,
            streamThreads,
            settings,
            refusals,
            http2,
            authentication,
            cors,
            maxStreamAgeNanos));
  }

  /**
   * @throws IllegalArgumentException if the template is invalid or already routed
   */
  public void add(String template, HttpHandler handler) {
    router.add(PathTemplate.parse(template), new RootHandler.PlainRoute(template, handler));
  }

  /**
   * The routes as one handler.
   *
   * @param next what serves the paths no route matches; null for 404
   * @param maxHeaderSize heads over this many bytes are refused with 431 before routing; 0 when the
   *     listener bounds them
   */
  public HttpHandler handler(HttpHandler next, int maxHeaderSize) {
    HttpHandler root = new RootHandler(router, refusals, next);
    return maxHeaderSize > 0 ? new HeadSizeLimit(maxHeaderSize, root, refusals) : root;
  }
}
