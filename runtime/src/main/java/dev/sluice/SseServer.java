package dev.sluice;

import dev.sluice.internal.admit.HeadSizeLimit;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.xnio.Option;
import org.xnio.OptionMap;

/**
 * Serves {@code @SseEndpoint} methods, through the routes Sluice's processor generated for them, on
 * an Undertow server of its own: HTTP/1.1 and HTTP/2 (h2c by upgrade or prior knowledge, or h2 over
 * TLS). It owns the listener, and so also sets what only a listener can (the request head's size
 * and parse timeout, the idle timeout, the advertised HTTP/2 stream limit); the routes themselves
 * are an {@link SseHandler}, which can be mounted in a server of your own instead.
 *
 * <pre>{@code
 * try (SseServer server = SseServer.builder().port(8080).register(new Clock()).start()) {
 *   ...
 * }
 * }</pre>
 */
public final class SseServer implements AutoCloseable {
  private final Undertow undertow;
  private final SseHandler handler;
  private final int port;
  private boolean closed;

  private SseServer(Undertow undertow, SseHandler handler) {
    this.undertow = undertow;
    this.handler = handler;
    this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The port the server listens on; the one picked when the builder was given port 0. */
  public int port() {
    return port;
  }

  /** Open event streams, traffic and why event streams ended; cheap enough to read every second. */
  public SseStats stats() {
    return handler.stats();
  }

  /**
   * Shuts down gracefully: stops accepting connections and new event streams, cancels every
   * publisher and closes every event stream, writes what each event stream had pending and the
   * builder's {@linkplain Builder#shutdownEvent shutdown event}, ends every response, and stops
   * Undertow and every thread of the server. Returns within the builder's shutdown timeout (plus a
   * moment to stop threads); event streams still writing then are cut off. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    // Streams first: suspending Undertow's listeners would also close every open connection,
    // cutting event streams off before their final event. New event streams get 503 meanwhile.
    try {
      handler.close();
    } finally {
      undertow.stop();
    }
  }

  /**
   * Configures and starts an {@link SseServer}: the listener's options here, and every option of
   * the routes and their event streams, which {@link SseHandler.Builder} has too. Not thread-safe.
   */
  public static final class Builder extends HandlerOptions<Builder> {
    private String host = "127.0.0.1";
    private int port = 8080;
    private SSLContext sslContext;
    private boolean http2 = true;
    private int maxHeaderSize = 16 * 1024;
    private Duration requestParseTimeout = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ofSeconds(60);
    private boolean h2cUpgrade = true;

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
     * The most bytes of a request's head (request line and headers); a larger one gets 431 before
     * it is routed, and its connection is closed. One over four times this (and at least 64 KiB) is
     * cut off by Undertow as it arrives, with 400. Default 16 KiB: a browser's request for a event
     * stream, cookies and all, takes a few hundred bytes.
     */
    public Builder maxHeaderSize(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxHeaderSize must be at least 1024, got " + bytes);
      }
      this.maxHeaderSize = bytes;
      return this;
    }

    /**
     * How long a client may take to send a request's head once it began; a head not complete by
     * then has its connection closed, so a client that trickles headers (slowloris) holds a
     * connection no longer than this. Default 10 seconds. HTTP/1.1 only: Undertow does not time the
     * frames of an HTTP/2 request.
     */
    public Builder requestParseTimeout(Duration timeout) {
      this.requestParseTimeout = positive(timeout, "requestParseTimeout");
      return this;
    }

    /**
     * How long a kept-alive connection may wait for its next request before it is closed. Default
     * 60 seconds. An open event stream is not idle: its deadline is {@code stallTimeout}.
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positive(timeout, "idleTimeout");
      return this;
    }

    /**
     * Whether a plain-HTTP connection may switch to HTTP/2 by {@code Upgrade: h2c}; default true.
     * Turn it off behind a proxy that forwards {@code Upgrade} headers it does not understand (an
     * h2c upgrade through such a proxy can smuggle requests past its rules). HTTP/2 by prior
     * knowledge and over TLS is unaffected.
     */
    public Builder h2cUpgrade(boolean enabled) {
      this.h2cUpgrade = enabled;
      return this;
    }

    /** The limits Undertow enforces itself. */
    private OptionMap undertowOptions() {
      return OptionMap.builder()
          .set(UndertowOptions.HTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, maxStreamsPerConnection())
          .set(UndertowOptions.MAX_HEADER_SIZE, HeadSizeLimit.undertowBound(maxHeaderSize))
          .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) requestParseTimeout.toMillis())
          .set(UndertowOptions.NO_REQUEST_TIMEOUT, (int) idleTimeout.toMillis())
          .getMap();
    }

    private static <T> void copy(Option<T> option, OptionMap from, Undertow.Builder to) {
      to.setServerOption(option, from.get(option));
    }

    /**
     * Builds the routes and starts listening.
     *
     * @throws IllegalArgumentException if two routes share a path
     * @throws RuntimeException if the port cannot be bound
     */
    public SseServer start() {
      SseHandler handler = SseHandler.create(this, null, maxHeaderSize);
      try {
        OptionMap options = undertowOptions();
        // Undertow offers the h2c upgrade whenever HTTP/2 is on at start; without the upgrade,
        // the plain listener starts with HTTP/2 off and is given it (prior knowledge) after.
        boolean priorKnowledgeOnly = http2 && !h2cUpgrade && sslContext == null;
        Undertow.Builder undertow =
            Undertow.builder()
                .setServerOption(UndertowOptions.ENABLE_HTTP2, http2 && !priorKnowledgeOnly)
                .setHandler(handler);
        options.forEach(option -> copy(option, options, undertow));
        if (sslContext != null) {
          undertow.addHttpsListener(port, host, sslContext);
        } else {
          undertow.addHttpListener(port, host);
        }
        Undertow server = undertow.build();
        server.start();
        if (priorKnowledgeOnly) {
          server
              .getListenerInfo()
              .get(0)
              .setServerOptions(
                  OptionMap.builder()
                      .set(UndertowOptions.BUFFER_PIPELINED_DATA, true) // as Undertow sets it
                      .addAll(options)
                      .set(UndertowOptions.ENABLE_HTTP2, true)
                      .getMap());
        }
        return new SseServer(server, handler);
      } catch (RuntimeException e) {
        handler.close();
        throw e;
      }
    }
  }
}
