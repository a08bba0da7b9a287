package dev.sluice.test;

import dev.sluice.SseHandler;
import dev.sluice.SseServer;
import dev.sluice.SseStats;
import io.undertow.Undertow;
import java.net.InetSocketAddress;

/** A server the extension started, of either form: what its accessors and its stop need. */
sealed interface Started {
  /** The port it listens on. */
  int port();

  SseStats stats();

  /** Ends its streams gracefully, then stops listening. Idempotent. */
  void close();

  /** An {@link SseServer}, from {@code serving(..)}, {@code @SluiceTest} or a starter. */
  record Served(SseServer server) implements Started {
    @Override
    public int port() {
      return server.port();
    }

    @Override
    public SseStats stats() {
      return server.stats();
    }

    @Override
    public void close() {
      server.close();
    }
  }

  /** An {@link SseHandler} mounted in a plain Undertow server, from {@code mounting(..)}. */
  record Mounted(SseHandler handler, Undertow undertow, int port) implements Started {
    Mounted(SseHandler handler, Undertow undertow) {
      // The extension's own listener is the first: the user's settings come after it.
      this(
          handler,
          undertow,
          ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort());
    }

    @Override
    public SseStats stats() {
      return handler.stats();
    }

    /** The streams first, so that each gets its end before Undertow closes the connections. */
    @Override
    public void close() {
      try {
        handler.close();
      } finally {
        undertow.stop();
      }
    }
  }
}
