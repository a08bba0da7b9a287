package dev.sluice;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.encode.Utf8Buffer;
import dev.sluice.internal.admit.AdmissionChain;
import dev.sluice.internal.close.EventStreams;
import dev.sluice.internal.drive.BlockingThreads;
import dev.sluice.internal.encode.JacksonEncoders;
import dev.sluice.internal.openapi.OpenApiHandler;
import dev.sluice.internal.refuse.Refusals;
import dev.sluice.internal.route.Routes;
import dev.sluice.internal.write.BufferPool;
import dev.sluice.internal.write.WriteSettings;
import dev.sluice.spi.SseRoute;
import dev.sluice.spi.SseRouteProvider;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The routes of {@code @SseEndpoint} methods as an Undertow {@link HttpHandler}, to mount in an
 * Undertow server of your own, at its root or under a prefix:
 *
 * <pre>{@code
 * SseHandler sse = SseHandler.builder().register(new Clock()).build();
 * Undertow server = Undertow.builder().addHttpListener(8080, "127.0.0.1")
 *     .setHandler(Handlers.path(myRoutes).addPrefixPath("/sse", sse)).build();
 * server.start();   // GET /sse/events is Clock's @SseEndpoint("/events")
 * ...
 * sse.close();      // ends the event streams gracefully, then stop the server
 * server.stop();
 * }</pre>
 *
 * <p>Routes match the exchange's {@linkplain HttpServerExchange#getRelativePath() relative path},
 * the part a {@code PathHandler} prefix leaves, so an endpoint is written without the prefix it is
 * mounted under; {@link #stats()} and logs name endpoints by those path templates, never by a
 * client's path. A request no route serves goes to the builder's {@linkplain Builder#next next}
 * handler (404 by default).
 *
 * <p><b>What is the listener's.</b> A mounted handler enforces every limit of the builder: {@code
 * maxStreams}, {@code maxStreamsPerClient}, {@code maxStreamsPerConnection} (429 past it on one
 * HTTP/2 connection, counting this handler's streams), the rapid-reset bound on HTTP/2 connections,
 * {@code maxBufferedBytes}, {@code stallTimeout} and heartbeats. What happens before a request
 * reaches a handler belongs to the server's listener, and {@link SseServer} sets it on the listener
 * it owns; in your server, set it on yours: the most bytes of a request head ({@code
 * UndertowOptions.MAX_HEADER_SIZE}; {@code SseServer} also answers heads over its {@code
 * maxHeaderSize} with 431), the time to send a head ({@code REQUEST_PARSE_TIMEOUT}, against
 * slowloris) and between requests ({@code NO_REQUEST_TIMEOUT}), the {@code
 * SETTINGS_MAX_CONCURRENT_STREAMS} advertised to HTTP/2 clients ({@code
 * HTTP2_SETTINGS_MAX_CONCURRENT_STREAMS}), HTTP/2 itself, the h2c upgrade and TLS. A listener
 * {@code IDLE_TIMEOUT} shorter than the heartbeat would cut off quiet event streams.
 *
 * <p><b>Threads.</b> Requests are routed on the server's I/O thread (a call from another thread is
 * moved there); publisher endpoints are called on the server's worker pool, and {@code Stream}
 * endpoints, which may block for as long as their client stays, on threads of this handler's own
 * (see {@link Builder#maxStreamThreads}), never on an I/O or worker thread. {@code stats()} and
 * {@code close()} may be called from any thread.
 */
public final class SseHandler implements HttpHandler, AutoCloseable {
  private static final System.Logger LOG = System.getLogger("dev.sluice.server");

  private final HttpHandler routes;
  private final EventStreams streams;
  private final BlockingThreads blockingThreads;
  private final byte[] shutdownEvent;
  private final Duration shutdownTimeout;
  private boolean closed;

  SseHandler(
      HttpHandler routes,
      EventStreams streams,
      BlockingThreads blockingThreads,
      byte[] shutdownEvent,
      Duration shutdownTimeout) {
    this.routes = routes;
    this.streams = streams;
    this.blockingThreads = blockingThreads;
    this.shutdownEvent = shutdownEvent;
    this.shutdownTimeout = shutdownTimeout;
  }

  /**
   * Builds the routes of a builder's options into a handler.
   *
   * @param next what serves the paths no route matches; null for 404
   * @param maxHeaderSize the request heads to refuse with 431, in bytes; 0 when the listener bounds
   *     them
   * @throws IllegalArgumentException if two routes share a path
   */
  static SseHandler create(HandlerOptions<?> options, HttpHandler next, int maxHeaderSize) {
    JacksonEncoders encoders =
        new JacksonEncoders(
            options.objectMapper != null ? options.objectMapper : new ObjectMapper());
    byte[] lastEvent = null;
    if (options.shutdownEvent != null) {
      Utf8Buffer encoded = new Utf8Buffer(256);
      encoders.anyEvents().encode(options.shutdownEvent, encoded);
      lastEvent = encoded.toByteArray();
    }
    if (options.allowCredentials && options.allowedOrigins.contains("*")) {
      throw new IllegalArgumentException(CorsPolicy.CREDENTIALS_WITH_ANY_ORIGIN);
    }
    EventStreams streams = new EventStreams(options.maxStreams, options.maxStreamsPerClient);
    Refusals refusals = new Refusals(streams.counters());
    // Warm buffers for the event streams writing at one moment (4 MiB at most); idle ones hold
    // none.
    WriteSettings writes =
        new WriteSettings(
            new BufferPool(4 * 1024 * 1024),
            streams.counters(),
            options.maxBufferedBytes,
            options.stallTimeout.toNanos());
    BlockingThreads blockingThreads = BlockingThreads.create(options.maxStreamThreads);
    try {
      AdmissionChain admission =
          new AdmissionChain(
              streams,
              refusals,
              options.maxStreamsPerConnection,
              blockingThreads,
              options.authenticators,
              writes,
              options.heartbeat.toNanos(),
              options.maxStreamAge.toNanos());
      Routes routes = new Routes(refusals);
      CorsPolicy serverCors = CorsPolicy.of(options.allowedOrigins, options.allowCredentials);
      Set<String> unused = new LinkedHashSet<>(options.endpointCors.keySet());
      List<String> paths = new ArrayList<>();
      options.endpoints.forEach(
          (endpoint, providers) -> {
            for (SseRouteProvider provider : providers) {
              for (SseRoute route : provider.routes(endpoint, encoders)) {
                CorsPolicy own = options.endpointCors.getOrDefault(route.path(), serverCors);
                unused.remove(route.path());
                paths.add(route.path());
                routes.add(route.path(), admission.of(route, own.origins(), own.credentials()));
              }
            }
          });
      if (!unused.isEmpty()) {
        throw new IllegalArgumentException(
            "cors(..) names " + unused + ", which no endpoint serves; the endpoints are " + paths);
      }
      options.handlers.forEach(routes::add);
      if (options.openApiPath != null) {
        routes.add(options.openApiPath, OpenApiHandler.serving(options.endpoints.values()));
      }
      return new SseHandler(
          routes.handler(next, maxHeaderSize),
          streams,
          blockingThreads,
          lastEvent,
          options.shutdownTimeout);
    } catch (RuntimeException e) {
      blockingThreads.close();
      throw e;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (exchange.isInIoThread()) {
      routes.handleRequest(exchange);
    } else {
      // Behind a handler that dispatched to a worker: routing answers refusals and opens
      // event streams on the I/O thread, as it would have been without that hop.
      exchange.dispatch(exchange.getIoThread(), routes);
    }
  }

  /** Open event streams, traffic and why event streams ended; cheap enough to read every second. */
  public SseStats stats() {
    return streams.snapshot();
  }

  /**
   * Shuts the event streams down gracefully: refuses new event streams (503), cancels every
   * publisher and closes every {@code Stream}, writes what each stream had pending and the
   * builder's {@linkplain Builder#shutdownEvent shutdown event}, ends every response, and stops the
   * threads of this handler's {@code Stream} endpoints. Returns within the builder's shutdown
   * timeout (plus a moment to stop threads); streams still writing then are cut off. The server it
   * is mounted in, and the {@code next} handler, are left running: stop them after this.
   * Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!streams.shutdown(shutdownEvent, shutdownTimeout.toNanos())) {
        LOG.log(
            Level.WARNING,
            "Event streams still open after the shutdown timeout of "
                + shutdownTimeout
                + " are cut off: "
                + streams.snapshot().openStreams());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      blockingThreads.close();
    }
  }

  /**
   * Configures and builds an {@link SseHandler}: every option of {@link SseServer.Builder} that is
   * not about listening, and {@link #next}. Not thread-safe.
   */
  public static final class Builder extends HandlerOptions<Builder> {
    private HttpHandler next;

    private Builder() {}

    /**
     * What serves the requests no route matches, as the exchange arrived (its relative path
     * untouched); default a 404, counted in {@code stats()} as {@code NOT_FOUND}.
     */
    public Builder next(HttpHandler next) {
      this.next = Objects.requireNonNull(next, "next");
      return this;
    }

    /**
     * Builds the routes into a handler, ready to mount.
     *
     * @throws IllegalArgumentException if two routes share a path
     */
    public SseHandler build() {
      return create(this, next, 0);
    }
  }
}
