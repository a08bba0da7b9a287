package dev.sluice.client;

/**
 * Nothing arrived in time: no event for a blocking read within its timeout, or (without reconnects)
 * no byte on the connection within the read timeout.
 */
public class SseTimeoutException extends SseClientException {
  private static final long serialVersionUID = 1L;

  public SseTimeoutException(String message) {
    super(message);
  }
}
