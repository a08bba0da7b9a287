package dev.sluice;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.encode.Utf8Buffer;
import dev.sluice.internal.BufferPool;
import dev.sluice.internal.HeadSizeLimit;
import dev.sluice.internal.JacksonEncoders;
import dev.sluice.internal.RouteProviders;
import dev.sluice.internal.Routes;
import dev.sluice.internal.StreamSettings;
import dev.sluice.internal.StreamThreads;
import dev.sluice.internal.Streams;
import dev.sluice.spi.SseRoute;
import dev.sluice.spi.SseRouteProvider;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.xnio.Option;
import org.xnio.OptionMap;

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
  private static final System.Logger LOG = System.getLogger("dev.sluice.server");

  private final Undertow undertow;
  private final StreamThreads streamThreads;
  private final Streams streams;
  private final byte[] shutdownEvent;
  private final Duration shutdownTimeout;
  private final int port;
  private boolean closed;

  private SseServer(
      Undertow undertow,
      StreamThreads streamThreads,
      Streams streams,
      byte[] shutdownEvent,
      Duration shutdownTimeout) {
    this.undertow = undertow;
    this.streamThreads = streamThreads;
    this.streams = streams;
    this.shutdownEvent = shutdownEvent;
    this.shutdownTimeout = shutdownTimeout;
    this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The port the server listens on; the one picked when the builder was given port 0. */
  public int port() {
    return port;
  }

  /** Open streams, traffic and why streams ended; cheap enough to read every second. */
  public SseStats stats() {
    return streams.snapshot();
  }

  /**
   * Shuts down gracefully: stops accepting connections and new streams, cancels every
   * publisher and closes every stream, writes what each stream had pending and the builder's
   * {@linkplain Builder#shutdownEvent shutdown event}, ends every response, and stops Undertow
   * and every thread of the server. Returns within the builder's shutdown timeout (plus a
   * moment to stop threads); streams still writing then are cut off. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    // Streams first: suspending Undertow's listeners would also close every open connection,
    // cutting streams off before their final event. New streams get 503 meanwhile.
    try {
      if (!streams.shutdown(shutdownEvent, shutdownTimeout.toNanos())) {
        LOG.log(Level.WARNING, "Streams still open after the shutdown timeout of "
            + shutdownTimeout + " are cut off: " + streams.snapshot().openStreams());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      undertow.stop();
      streamThreads.close();
    }
  }

  /** Configures and starts an {@link SseServer}. Not thread-safe. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 8080;
    private ObjectMapper objectMapper;
    private SSLContext sslContext;
    private boolean http2 = true;
    private int maxStreamThreads = 1024;
    private int maxStreams = 16_384;
    private Duration heartbeat = Duration.ofSeconds(15);
    private int maxBufferedBytes = 64 * 1024;
    private Duration shutdownTimeout = Duration.ofSeconds(5);
    private Duration stallTimeout = Duration.ofSeconds(30);
    private int maxStreamsPerClient;
    private int maxStreamsPerConnection = 100;
    private int maxHeaderSize = 16 * 1024;
    private Duration requestParseTimeout = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ofSeconds(60);
    private boolean h2cUpgrade = true;
    private SseEvent<?> shutdownEvent;
    private final Map<Object, List<SseRouteProvider>> endpoints = new LinkedHashMap<>();
    private final Map<String, HttpHandler> handlers = new LinkedHashMap<>();
    private final RouteProviders providers =
        new RouteProviders(warning -> LOG.log(Level.WARNING, warning));

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
     * Serves the {@code @SseEndpoint} methods of {@code endpoint}: those its class declares and
     * those it inherits, from superclasses and interfaces (default methods) alike, as if its
     * class declared them. An override of an endpoint method is that endpoint: its route calls
     * the override.
     *
     * @throws IllegalArgumentException if no routes were generated for its class or any class
     *     it inherits from
     */
    public Builder register(Object endpoint) {
      Objects.requireNonNull(endpoint, "endpoint");
      endpoints.put(endpoint, providersFor(endpoint.getClass()));
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
     * The most streams open at once over the whole server; past it a request gets 503 with
     * {@code Retry-After}, and the open streams flow on. Default 16384. An endpoint can set a
     * lower limit of its own with {@code @SseEndpoint(maxStreams = ..)}.
     */
    public Builder maxStreams(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxStreams must be at least 1, got " + max);
      }
      this.maxStreams = max;
      return this;
    }

    /**
     * How long a stream may stay silent before it gets a heartbeat comment (a bare {@code :}
     * line): keeps proxies from cutting idle connections and finds peers that vanished. Default
     * 15 seconds; {@link Duration#ZERO} turns heartbeats off. An endpoint can set its own with
     * {@code @SseEndpoint(heartbeat = "PT5S")}.
     */
    public Builder heartbeat(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException("heartbeat must not be negative: " + interval);
      }
      this.heartbeat = interval;
      return this;
    }

    /**
     * The bytes one stream may hold encoded and not yet written; past it a {@code Stream} waits
     * and a publisher is asked for nothing more. Default 64 KiB. Bounds memory per connection
     * whatever the client does. A single larger event still goes through.
     */
    public Builder maxBufferedBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxBufferedBytes must be at least 1, got " + bytes);
      }
      this.maxBufferedBytes = bytes;
      return this;
    }

    /**
     * How long a stream's client may take no byte while a write waits for it before the stream
     * is closed and counted as {@code SLOW}: a client that stopped reading, or a peer that is
     * gone without a word, holds its buffers, its place and (a {@code Stream} endpoint) its
     * thread for no longer than this. The clock runs only while a write waits and restarts with
     * every byte taken. Default 30 seconds.
     */
    public Builder stallTimeout(Duration timeout) {
      this.stallTimeout = positive(timeout, "stallTimeout");
      return this;
    }

    /**
     * The most streams open at once from one client address; past it a request gets 429 with
     * {@code Retry-After}. Off by default: behind a proxy or a NAT, every client shares an
     * address.
     */
    public Builder maxStreamsPerClient(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxStreamsPerClient must be at least 1, got " + max);
      }
      this.maxStreamsPerClient = max;
      return this;
    }

    /**
     * The most event streams one HTTP/2 connection may hold at once: advertised to the client
     * as {@code SETTINGS_MAX_CONCURRENT_STREAMS}, and enforced (a stream past it gets 429, and
     * is never opened), so that one connection cannot take every place of the server. Default
     * 100, as RFC 9113 recommends at the least.
     */
    public Builder maxStreamsPerConnection(int max) {
      if (max < 1) {
        throw new IllegalArgumentException(
            "maxStreamsPerConnection must be at least 1, got " + max);
      }
      this.maxStreamsPerConnection = max;
      return this;
    }

    /**
     * The most bytes of a request's head (request line and headers); a larger one gets 431
     * before it is routed, and its connection is closed. One over four times this (and at least
     * 64 KiB) is cut off by Undertow as it arrives, with 400. Default 16 KiB: a browser's
     * request for a stream, cookies and all, takes a few hundred bytes.
     */
    public Builder maxHeaderSize(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxHeaderSize must be at least 1024, got " + bytes);
      }
      this.maxHeaderSize = bytes;
      return this;
    }

    /**
     * How long a client may take to send a request's head once it began; a head not complete
     * by then has its connection closed, so a client that trickles headers (slowloris) holds a
     * connection no longer than this. Default 10 seconds. HTTP/1.1 only: Undertow does not time
     * the frames of an HTTP/2 request.
     */
    public Builder requestParseTimeout(Duration timeout) {
      this.requestParseTimeout = positive(timeout, "requestParseTimeout");
      return this;
    }

    /**
     * How long a kept-alive connection may wait for its next request before it is closed.
     * Default 60 seconds. An open stream is not idle: its deadline is {@link #stallTimeout}.
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positive(timeout, "idleTimeout");
      return this;
    }

    /**
     * Whether a plain-HTTP connection may switch to HTTP/2 by {@code Upgrade: h2c}; default true.
     * Turn it off behind a proxy that forwards {@code Upgrade} headers it does not understand
     * (an h2c upgrade through such a proxy can smuggle requests past its rules). HTTP/2 by prior
     * knowledge and over TLS is unaffected.
     */
    public Builder h2cUpgrade(boolean enabled) {
      this.h2cUpgrade = enabled;
      return this;
    }

    /** How long {@link SseServer#close()} waits for streams to end; default 5 seconds. */
    public Builder shutdownTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("shutdownTimeout must not be negative: " + timeout);
      }
      this.shutdownTimeout = timeout;
      return this;
    }

    /**
     * An event every open stream gets last when the server shuts down, such as one with a
     * {@code retry} that tells clients when to come back. Its data, if any, is written as text
     * when it is a {@code String} and as JSON otherwise.
     */
    public Builder shutdownEvent(SseEvent<?> event) {
      this.shutdownEvent = Objects.requireNonNull(event, "event");
      return this;
    }

    /** The limits Undertow enforces itself. */
    private OptionMap undertowOptions() {
      return OptionMap.builder()
          .set(UndertowOptions.HTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, maxStreamsPerConnection)
          .set(UndertowOptions.MAX_HEADER_SIZE, HeadSizeLimit.undertowBound(maxHeaderSize))
          .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) requestParseTimeout.toMillis())
          .set(UndertowOptions.NO_REQUEST_TIMEOUT, (int) idleTimeout.toMillis())
          .getMap();
    }

    private static <T> void copy(Option<T> option, OptionMap from, Undertow.Builder to) {
      to.setServerOption(option, from.get(option));
    }

    private static Duration positive(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + duration);
      }
      return duration;
    }

    /**
     * Builds the routes and starts listening.
     *
     * @throws IllegalArgumentException if two routes share a path
     * @throws RuntimeException if the port cannot be bound
     */
    public SseServer start() {
      JacksonEncoders encoders =
          new JacksonEncoders(objectMapper != null ? objectMapper : new ObjectMapper());
      byte[] lastEvent = null;
      if (shutdownEvent != null) {
        Utf8Buffer encoded = new Utf8Buffer(256);
        encoders.anyEvents().encode(shutdownEvent, encoded);
        lastEvent = encoded.toByteArray();
      }
      Streams streams = new Streams(maxStreams, maxStreamsPerClient);
      // Warm buffers for the streams writing at one moment (4 MiB at most); idle ones hold none.
      StreamSettings settings = new StreamSettings(new BufferPool(4 * 1024 * 1024), streams,
          heartbeat.toNanos(), maxBufferedBytes, stallTimeout.toNanos());
      StreamThreads streamThreads = StreamThreads.create(maxStreamThreads);
      try {
        Routes routes = new Routes(streamThreads, settings, maxStreamsPerConnection);
        endpoints.forEach((endpoint, providers) -> {
          for (SseRouteProvider provider : providers) {
            for (SseRoute route : provider.routes(endpoint, encoders)) {
              routes.add(route);
            }
          }
        });
        handlers.forEach(routes::add);
        OptionMap options = undertowOptions();
        // Undertow offers the h2c upgrade whenever HTTP/2 is on at start; without the upgrade,
        // the plain listener starts with HTTP/2 off and is given it (prior knowledge) after.
        boolean priorKnowledgeOnly = http2 && !h2cUpgrade && sslContext == null;
        Undertow.Builder undertow = Undertow.builder()
            .setServerOption(UndertowOptions.ENABLE_HTTP2, http2 && !priorKnowledgeOnly)
            .setHandler(routes.rootHandler(maxHeaderSize));
        options.forEach(option -> copy(option, options, undertow));
        if (sslContext != null) {
          undertow.addHttpsListener(port, host, sslContext);
        } else {
          undertow.addHttpListener(port, host);
        }
        Undertow server = undertow.build();
        server.start();
        if (priorKnowledgeOnly) {
          server.getListenerInfo().get(0).setServerOptions(OptionMap.builder()
              .set(UndertowOptions.BUFFER_PIPELINED_DATA, true) // as Undertow sets it
              .addAll(options)
              .set(UndertowOptions.ENABLE_HTTP2, true)
              .getMap());
        }
        return new SseServer(server, streamThreads, streams, lastEvent, shutdownTimeout);
      } catch (RuntimeException e) {
        streamThreads.close();
        throw e;
      }
    }

    private List<SseRouteProvider> providersFor(Class<?> type) {
      List<SseRouteProvider> found = providers.forType(type);
      if (found.isEmpty()) {
        throw new IllegalArgumentException("No generated SSE routes for " + type.getName()
            + ". Does it have @SseEndpoint methods, and is sluice-processor on the annotation"
            + " processor path (maven-compiler-plugin <annotationProcessorPaths>)?");
      }
      return found;
    }
  }
}
