package dev.sluice;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.internal.JacksonEncoders;
import dev.sluice.internal.Routes;
import dev.sluice.internal.StreamThreads;
import dev.sluice.spi.SseEncoders;
import dev.sluice.spi.SseRoute;
import dev.sluice.spi.SseRouteProvider;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import javax.net.ssl.SSLContext;

/**
 * Serves {@code @SseEndpoint} methods, through the routes Sluice's processor generated for them,
 * on Undertow: HTTP/1.1 and HTTP/2 (h2c by upgrade or prior knowledge, or h2 over TLS).
 *
 * <pre>{@code
 * try (SseServer server = SseServer.builder().port(8080).register(new Clock()).start()) {
 *   ...
 * }
 * }</pre>
 */
public final class SseServer implements AutoCloseable {
  private final Undertow undertow;
  private final StreamThreads streamThreads;
  private final int port;

  private SseServer(Undertow undertow, StreamThreads streamThreads) {
    this.undertow = undertow;
    this.streamThreads = streamThreads;
    this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The port the server listens on; the one picked when the builder was given port 0. */
  public int port() {
    return port;
  }

  /** Stops listening and closes every connection, which ends every stream. */
  @Override
  public void close() {
    undertow.stop();
    streamThreads.close();
  }

  /** Configures and starts an {@link SseServer}. Not thread-safe. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 8080;
    private ObjectMapper objectMapper;
    private SSLContext sslContext;
    private boolean http2 = true;
    private int maxStreamThreads = 1024;
    private final Map<Object, SseRouteProvider> endpoints = new LinkedHashMap<>();
    private final Map<String, HttpHandler> handlers = new LinkedHashMap<>();
    private final Map<ClassLoader, List<SseRouteProvider>> providers = new LinkedHashMap<>();

    private Builder() {}

    /** The address to listen on; default {@code 127.0.0.1}, {@code 0.0.0.0} for all. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port; default 8080, 0 to pick a free one (read it back with {@link #port()}). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be from 0 to 65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Serves the {@code @SseEndpoint} methods of {@code endpoint}.
     *
     * @throws IllegalArgumentException if no routes were generated for its class
     */
    public Builder register(Object endpoint) {
      Objects.requireNonNull(endpoint, "endpoint");
      endpoints.put(endpoint, providerFor(endpoint.getClass()));
      return this;
    }

    /**
     * Serves {@code path} (a template such as {@code /rooms/{room}/messages}, variables in
     * Undertow's {@code PathTemplateMatch} attachment) with a plain Undertow handler, for any
     * method: an application's page and other routes next to its streams.
     */
    public Builder handler(String path, HttpHandler handler) {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(handler, "handler");
      if (handlers.putIfAbsent(path, handler) != null) {
        throw new IllegalArgumentException("A handler is already registered for " + path);
      }
      return this;
    }

    /** The mapper that writes JSON data; default {@code new ObjectMapper()}. */
    public Builder objectMapper(ObjectMapper objectMapper) {
      this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
      return this;
    }

    /** Serves HTTPS with this context instead of plain HTTP; HTTP/2 is negotiated by ALPN. */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
      return this;
    }

    /** Whether to offer HTTP/2; default true. */
    public Builder http2(boolean enabled) {
      this.http2 = enabled;
      return this;
    }

    /**
     * The most {@code Stream} endpoints open at once on Java 17 to 20, each holding a platform
     * thread; past it a request gets 503 with {@code Retry-After}. Default 1024. On Java 21+
     * each stream gets a virtual thread and this bound does not apply.
     */
    public Builder maxStreamThreads(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxStreamThreads must be at least 1, got " + max);
      }
      this.maxStreamThreads = max;
      return this;
    }

    /**
     * Builds the routes and starts listening.
     *
     * @throws IllegalArgumentException if two routes share a path
     * @throws RuntimeException if the port cannot be bound
     */
    public SseServer start() {
      SseEncoders encoders =
          new JacksonEncoders(objectMapper != null ? objectMapper : new ObjectMapper());
      StreamThreads streamThreads = StreamThreads.create(maxStreamThreads);
      try {
        Routes routes = new Routes(streamThreads);
        endpoints.forEach((endpoint, provider) -> {
          for (SseRoute route : provider.routes(endpoint, encoders)) {
            routes.add(route);
          }
        });
        handlers.forEach(routes::add);
        Undertow.Builder undertow = Undertow.builder()
            .setServerOption(UndertowOptions.ENABLE_HTTP2, http2)
            .setHandler(routes.rootHandler());
        if (sslContext != null) {
          undertow.addHttpsListener(port, host, sslContext);
        } else {
          undertow.addHttpListener(port, host);
        }
        Undertow server = undertow.build();
        server.start();
        return new SseServer(server, streamThreads);
      } catch (RuntimeException e) {
        streamThreads.close();
        throw e;
      }
    }

    private SseRouteProvider providerFor(Class<?> type) {
      ClassLoader loader = type.getClassLoader();
      List<SseRouteProvider> candidates = providers.computeIfAbsent(loader, Builder::load);
      for (Class<?> t = type; t != null; t = t.getSuperclass()) {
        for (SseRouteProvider provider : candidates) {
          if (provider.endpointType() == t) {
            return provider;
          }
        }
      }
      throw new IllegalArgumentException("No generated SSE routes for " + type.getName()
          + ". Does it have @SseEndpoint methods, and is sluice-processor on the annotation"
          + " processor path (maven-compiler-plugin <annotationProcessorPaths>)?");
    }

    private static List<SseRouteProvider> load(ClassLoader loader) {
      List<SseRouteProvider> found = new ArrayList<>();
      try {
        ServiceLoader.load(SseRouteProvider.class, loader).forEach(found::add);
      } catch (ServiceConfigurationError e) {
        throw new IllegalStateException("Cannot load generated SSE routes (is a class listed in"
            + " META-INF/services/" + SseRouteProvider.class.getName() + " missing? rebuild"
            + " the project): " + e.getMessage(), e);
      }
      return found;
    }
  }
}
