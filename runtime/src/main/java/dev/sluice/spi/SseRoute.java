package dev.sluice.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * One generated endpoint: its path template, how its result is driven, and the handler that
 * converts the parameters and calls the user's method.
 */
public final class SseRoute {
  /** How the endpoint's result is consumed; decides the thread the handler runs on. */
  public enum Kind {
    /** A {@code Flow.Publisher}: called on a worker thread, then driven by demand. */
    PUBLISHER,
    /** A {@code Stream}: called and pulled on a thread of its own, since it may block. */
    STREAM
  }

  private final String path;
  private final String method;
  private final Kind kind;
  private final SseRouteHandler handler;
  private final Duration heartbeat;
  private final int maxStreams;
  private final Class<?> principalType;
  private final boolean principalRequired;

  private SseRoute(
      String path,
      String method,
      Kind kind,
      SseRouteHandler handler,
      Duration heartbeat,
      int maxStreams,
      Class<?> principalType,
      boolean principalRequired) {
    this.path = Objects.requireNonNull(path, "path");
    this.method = Objects.requireNonNull(method, "method");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.handler = Objects.requireNonNull(handler, "handler");
    if (heartbeat != null && heartbeat.isNegative()) {
      throw new IllegalArgumentException("heartbeat must not be negative: " + heartbeat);
    }
    if (maxStreams < 0) {
      throw new IllegalArgumentException("maxStreams must not be negative: " + maxStreams);
    }
    this.heartbeat = heartbeat;
    this.maxStreams = maxStreams;
    this.principalType = principalType;
    this.principalRequired = principalRequired;
  }

  private SseRoute(String path, String method, Kind kind, SseRouteHandler handler) {
    this(path, method, kind, handler, null, 0, null, false);
  }

  /**
   * A route whose method returns a {@code Flow.Publisher}.
   *
   * @param method the user's method, as {@code Clock.events}, for logs and errors
   */
  public static SseRoute publisher(String path, String method, SseRouteHandler handler) {
    return new SseRoute(path, method, Kind.PUBLISHER, handler);
  }

  /**
   * A route whose method returns a {@code Stream}.
   *
   * @param method the user's method, as {@code Clock.events}, for logs and errors
   */
  public static SseRoute stream(String path, String method, SseRouteHandler handler) {
    return new SseRoute(path, method, Kind.STREAM, handler);
  }

  /**
   * This route with its own idle interval between heartbeat comments; {@link Duration#ZERO} turns
   * heartbeats off. Routes without one use the server's.
   */
  public SseRoute withHeartbeat(Duration heartbeat) {
    return new SseRoute(
        path,
        method,
        kind,
        handler,
        Objects.requireNonNull(heartbeat, "heartbeat"),
        maxStreams,
        principalType,
        principalRequired);
  }

  /** This route with a limit on its event streams open at once; 0 means no limit of its own. */
  public SseRoute withMaxStreams(int maxStreams) {
    return new SseRoute(
        path, method, kind, handler, heartbeat, maxStreams, principalType, principalRequired);
  }

  /**
   * This route with an {@code @Authenticated} parameter of {@code type}: the server runs the
   * authenticator providing it before the handler, whose request then holds the principal.
   *
   * @param required whether an anonymous request is refused with 401 (a parameter of the type
   *     itself) or admitted (an {@code Optional} of it)
   */
  public SseRoute withPrincipal(Class<?> type, boolean required) {
    return new SseRoute(
        path,
        method,
        kind,
        handler,
        heartbeat,
        maxStreams,
        Objects.requireNonNull(type, "type"),
        required);
  }

  public String path() {
    return path;
  }

  public String method() {
    return method;
  }

  public Kind kind() {
    return kind;
  }

  public SseRouteHandler handler() {
    return handler;
  }

  /** The route's heartbeat interval, or null for the server's. */
  public Duration heartbeat() {
    return heartbeat;
  }

  /** The most event streams this route may have open at once; 0 for no limit of its own. */
  public int maxStreams() {
    return maxStreams;
  }

  /** The type of the route's {@code @Authenticated} parameter, or null when it has none. */
  public Class<?> principalType() {
    return principalType;
  }

  /** Whether the route refuses anonymous requests; false when it takes no principal. */
  public boolean principalRequired() {
    return principalRequired;
  }

  @Override
  public String toString() {
    return "GET " + path + " -> " + method;
  }
}
