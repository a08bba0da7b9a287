package dev.sluice.internal.openapi;

import dev.sluice.spi.SseRouteProvider;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the OpenAPI document of a server's endpoints to GET requests, as {@code application/json};
 * other methods get 405. The document is merged once, when the routes are built, and answered from
 * the I/O thread. Routes mounted under a prefix ({@code /sse}) get a document whose server is that
 * prefix, written once per prefix: their paths are the templates below it.
 */
public final class OpenApiHandler implements HttpHandler {
  private final byte[] document;
  private final Map<String, byte[]> underPrefix = new ConcurrentHashMap<>();

  private OpenApiHandler(byte[] document) {
    this.document = document;
  }

  /**
   * The handler for the endpoints of these providers (the registered objects' own, in the order
   * registered).
   *
   * @throws IllegalStateException if an endpoint class has no OpenAPI document
   */
  public static OpenApiHandler serving(Collection<? extends List<SseRouteProvider>> providers) {
    List<Class<?>> types = new ArrayList<>();
    for (List<SseRouteProvider> ofOneObject : providers) {
      for (SseRouteProvider provider : ofOneObject) {
        types.add(provider.endpointType());
      }
    }
    return new OpenApiHandler(OpenApiDocuments.merge(types));
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    if (!exchange.getRequestMethod().equals(Methods.GET)) {
      exchange.setStatusCode(405);
      exchange.getResponseHeaders().put(Headers.ALLOW, "GET");
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=UTF-8");
      exchange
          .getResponseSender()
          .send("Method Not Allowed: the OpenAPI document is read with" + " GET\n");
      return;
    }
    String prefix = prefix(exchange);
    byte[] body =
        prefix.isEmpty()
            ? document
            : underPrefix.computeIfAbsent(prefix, p -> OpenApiDocuments.withServer(document, p));
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    exchange.getResponseSender().send(ByteBuffer.wrap(body));
  }

  /**
   * The prefix the routes are mounted under ({@code PathHandler.addPrefixPath}), as RawPath finds
   * it; empty at the root, or when a handler before rewrote the path.
   */
  private static String prefix(HttpServerExchange exchange) {
    String path = exchange.getRequestPath();
    String relative = exchange.getRelativePath();
    if (relative.equals(path) || !path.endsWith(relative)) {
      return "";
    }
    String prefix = path.substring(0, path.length() - relative.length());
    return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
  }
}
