package dev.sluice.internal;

import dev.sluice.spi.SseRoute;
import io.undertow.server.HttpHandler;

/** Builds the {@link RootHandler} from generated routes and plain handlers. */
public final class Routes {
  private final Router<Object> router = new Router<>();
  private final StreamThreads streamThreads;
  private final StreamSettings settings;
  private final Refusals refusals;

  public Routes(StreamThreads streamThreads, StreamSettings settings) {
    this.streamThreads = streamThreads;
    this.settings = settings;
    this.refusals = new Refusals(settings.streams());
  }

  /** @throws IllegalArgumentException if the path is already routed */
  public void add(SseRoute route) {
    router.add(
        PathTemplate.parse(route.path()), new EndpointHandler(route, streamThreads, settings, refusals));
  }

  /** @throws IllegalArgumentException if the template is invalid or already routed */
  public void add(String template, HttpHandler handler) {
    router.add(PathTemplate.parse(template), new RootHandler.PlainRoute(template, handler));
  }

  public RootHandler rootHandler() {
    return new RootHandler(router, refusals);
  }
}
