package dev.sluice;

/**
 * {@link SseBroadcaster#publish} could not append an event to the broadcaster's journal: the engine
 * is unreachable, failed, or did not answer in time. The event was not published, except after a
 * timeout, when the engine may still append it.
 */
public final class PublishException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PublishException(String message) {
    super(message);
  }

  public PublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
