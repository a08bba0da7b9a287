package dev.sluice.internal.route;

import dev.sluice.internal.admit.AdmissionChain;
import dev.sluice.internal.admit.HeadSizeLimit;
import dev.sluice.internal.refuse.Refusals;
import dev.sluice.wire.PathTemplate;
import io.undertow.server.HttpHandler;
import io.undertow.util.PathTemplateMatch;
import java.util.stream.Collectors;

/**
 * The routes of one handler, by path template: each endpoint's admission, and the application's own
 * handlers. Not thread-safe while routes are added; the handler it builds is.
 */
public final class Routes {
  private final Router<RootHandler.Target> router = new Router<>();
  private final Refusals refusals;

  public Routes(Refusals refusals) {
    this.refusals = refusals;
  }

  /**
   * Routes requests whose path matches {@code template} to {@code handler}, an application's own,
   * with the variables in Undertow's {@code PathTemplateMatch} attachment.
   *
   * @throws IllegalArgumentException if the template is invalid, or one of the same shape is routed
   *     already
   */
  public void add(String template, HttpHandler handler) {
    route(
        template,
        (exchange, variables) -> {
          exchange.putAttachment(
              PathTemplateMatch.ATTACHMENT_KEY, new PathTemplateMatch(template, variables));
          handler.handleRequest(exchange);
        });
  }

  /**
   * Routes requests whose path matches {@code template}, an endpoint's, to its admission.
   *
   * @throws IllegalArgumentException if the template is invalid, or one of the same shape is routed
   *     already
   */
  public void add(String template, AdmissionChain.Entry endpoint) {
    route(template, endpoint::admit);
  }

  private void route(String template, RootHandler.Target target) {
    PathTemplate parsed = PathTemplate.parse(template);
    if (!parsed.isValid()) {
      throw new IllegalArgumentException(
          "Not a path template: "
              + parsed.problems().stream()
                  .map(PathTemplate.Problem::message)
                  .collect(Collectors.joining("; ")));
    }
    router.add(parsed, target);
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
