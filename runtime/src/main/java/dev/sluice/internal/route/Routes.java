package dev.sluice.internal.route;

import dev.sluice.internal.admit.HeadSizeLimit;
import dev.sluice.internal.refuse.Refusals;
import dev.sluice.wire.PathTemplate;
import io.undertow.server.HttpHandler;
import java.util.stream.Collectors;

/**
 * The routes of one handler, by path template: each endpoint's admission, and the application's own
 * handlers. Not thread-safe while routes are added; the handler it builds is.
 */
public final class Routes {
  private final Router<RootHandler.Route> router = new Router<>();
  private final Refusals refusals;

  public Routes(Refusals refusals) {
    this.refusals = refusals;
  }

  /**
   * Routes requests whose path matches {@code template} to {@code handler}, with the variables in
   * Undertow's {@code PathTemplateMatch} attachment.
   *
   * @throws IllegalArgumentException if the template is invalid, or one of the same shape is routed
   *     already
   */
  public void add(String template, HttpHandler handler) {
    PathTemplate parsed = PathTemplate.parse(template);
    if (!parsed.isValid()) {
      throw new IllegalArgumentException(
          "Not a path template: "
              + parsed.problems().stream()
                  .map(PathTemplate.Problem::message)
                  .collect(Collectors.joining("; ")));
    }
    router.add(parsed, new RootHandler.Route(template, handler));
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
