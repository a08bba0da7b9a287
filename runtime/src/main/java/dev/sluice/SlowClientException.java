package dev.sluice;

/**
 * Ends a subscription whose client reads too slowly for a source that cannot slow down, such as an
 * {@link SseBroadcaster}. The server closes that one connection; the client reconnects with {@code
 * Last-Event-ID} and resumes from the broadcaster's history.
 */
public final class SlowClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SlowClientException(String message) {
    super(message, null, false, false); // expected and frequent: no stack trace
  }
}
