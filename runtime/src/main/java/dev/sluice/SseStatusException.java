package dev.sluice;

/**
 * Thrown by an endpoint method to refuse a request before its stream starts: the client gets
 * {@code status} with {@code message} as a plain-text body, and nothing is logged.
 *
 * <pre>{@code
 * if (!rooms.containsKey(room)) {
 *   throw new SseStatusException(404, "No room " + room);
 * }
 * }</pre>
 *
 * <p>204 No Content tells a browser's {@code EventSource} to stop reconnecting.
 */
public class SseStatusException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * @param status an HTTP status from 200 to 599 other than 200 itself, which would open the
   *     stream
   */
  public SseStatusException(int status, String message) {
    super(message);
    if (status < 201 || status > 599) {
      throw new IllegalArgumentException(
          "SseStatusException status must be from 201 to 599, got " + status);
    }
    this.status = status;
  }

  public int status() {
    return status;
  }
}
