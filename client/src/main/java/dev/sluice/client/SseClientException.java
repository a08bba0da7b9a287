package dev.sluice.client;

/**
 * Why an event stream failed: its response was not an event stream, an event was too large or could
 * not be decoded, or (without reconnects) its connection was lost.
 */
public class SseClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SseClientException(String message) {
    super(message);
  }

  public SseClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
