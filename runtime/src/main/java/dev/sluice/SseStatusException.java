package dev.sluice;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Thrown by an endpoint method, or by an {@link SseAuthenticator}, to refuse a request before its
 * event stream starts: the client gets {@code status} with {@code message} as a plain-text body
 * (and the {@linkplain #headers() headers} given), and nothing is logged.
 *
 * <pre>{@code
 * if (!rooms.containsKey(room)) {
 *   throw new SseStatusException(404, "No room " + room);
 * }
 * throw SseStatusException.unauthorized("Bearer realm=\"chat\"", "Sign in first");
 * }</pre>
 *
 * <p>204 No Content tells a browser's {@code EventSource} to stop reconnecting.
 */
public class SseStatusException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final Map<String, String> headers;

  /**
   * @param status an HTTP status from 200 to 599 other than 200 itself, which would open the event
   *     stream
   */
  public SseStatusException(int status, String message) {
    this(status, message, Map.of());
  }

  /**
   * A refusal with response headers of its own, such as {@code WWW-Authenticate} for a 401 or
   * {@code Retry-After} for a 503.
   *
   * @param headers names and values, each a single line; iterated in their map's order
   * @throws IllegalArgumentException for a status outside 201 to 599, a header name that is not an
   *     HTTP token, or a value with a line break or NUL
   */
  public SseStatusException(int status, String message, Map<String, String> headers) {
    super(message);
    if (status < 201 || status > 599) {
      throw new IllegalArgumentException(
          "SseStatusException status must be from 201 to 599, got " + status);
    }
    this.status = status;
    Map<String, String> copy = new LinkedHashMap<>();
    Objects.requireNonNull(headers, "headers")
        .forEach(
            (name, value) -> {
              checkName(name);
              checkValue(name, value);
              copy.put(name, value);
            });
    this.headers = copy.isEmpty() ? Map.of() : Collections.unmodifiableMap(copy);
  }

  /**
   * 401 with {@code WWW-Authenticate: challenge}, as RFC 9110 requires of every 401: {@code Bearer
   * realm="chat"}, say.
   */
  public static SseStatusException unauthorized(String challenge, String message) {
    return new SseStatusException(
        401, message, Map.of("WWW-Authenticate", Objects.requireNonNull(challenge, "challenge")));
  }

  public int status() {
    return status;
  }

  /** The headers sent with the refusal; empty for most. Unmodifiable. */
  public Map<String, String> headers() {
    return headers;
  }

  private static void checkName(String name) {
    Objects.requireNonNull(name, "header name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("A header name cannot be empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean token = c > 32 && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
      if (!token) {
        throw new IllegalArgumentException("Not an HTTP header name: \"" + name + "\"");
      }
    }
  }

  private static void checkValue(String name, String value) {
    Objects.requireNonNull(value, name);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        throw new IllegalArgumentException(
            "The value of header " + name + " must be one line without NUL");
      }
    }
  }
}
