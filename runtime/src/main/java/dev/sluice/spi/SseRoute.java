package dev.sluice.spi;

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

  private SseRoute(String path, String method, Kind kind, SseRouteHandler handler) {
    this.path = Objects.requireNonNull(path, "path");
    this.method = Objects.requireNonNull(method, "method");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.handler = Objects.requireNonNull(handler, "handler");
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

  @Override
  public String toString() {
    return "GET " + path + " -> " + method;
  }
}
