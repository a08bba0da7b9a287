package dev.sluice.test;

import dev.sluice.client.SseClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A started server and the clients made for it: the extension's own, made with it, and the test's
 * own kinds, made when first asked for. Closing closes the test's clients, latest first, and then
 * the server, whatever fails on the way. Thread-safe.
 */
final class Running {
  private final Started started;
  private final URI baseUri;
  private final HttpClient http;
  private final SseClient client;

  /** The test's own clients by type, in the order they were made; guarded by {@code this}. */
  private final Map<Class<?>, Object> own = new LinkedHashMap<>();

  private boolean closed;

  Running(Started started, URI baseUri, HttpClient http, SseClient client) {
    this.started = started;
    this.baseUri = baseUri;
    this.http = http;
    this.client = client;
  }

  Started started() {
    return started;
  }

  URI baseUri() {
    return baseUri;
  }

  HttpClient http() {
    return http;
  }

  SseClient client() {
    return client;
  }

  /** The client of {@code type} for this server, made by {@code factory} the first time. */
  synchronized <T> T own(Class<T> type, Function<URI, ?> factory) {
    if (closed) {
      throw new IllegalStateException("The server this " + type.getName() + " was for is stopped");
    }
    Object made = own.get(type);
    if (made == null) {
      made = factory.apply(baseUri);
      if (!type.isInstance(made)) {
        throw new IllegalStateException(
            "The factory for "
                + type.getName()
                + " returned "
                + (made == null ? "null" : "a " + made.getClass().getName()));
      }
      own.put(type, made);
    }
    return type.cast(made);
  }

  /** Closes the test's clients, latest first, then the server. Idempotent. */
  void close() {
    List<Object> clients;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      clients = new ArrayList<>(own.values());
    }
    RuntimeException failure = null;
    for (int i = clients.size() - 1; i >= 0; i--) {
      if (clients.get(i) instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          failure = add(failure, closeable, e);
        }
      }
    }
    try {
      started.close();
    } catch (RuntimeException e) {
      failure = add(failure, started, e);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static RuntimeException add(RuntimeException failure, Object closing, Exception e) {
    if (failure == null) {
      return e instanceof RuntimeException unchecked
          ? unchecked
          : new IllegalStateException("Closing " + closing + " failed", e);
    }
    failure.addSuppressed(e);
    return failure;
  }
}
