package dev.sluice.internal.close;

/** An open event stream, as a shutdown sees it: something to end. */
public interface Ending {
  /**
   * Stops the event stream's producer, writes what it had pending and {@code last} (may be null),
   * then ends its response. Callable from any thread; returns at once.
   */
  void shutdown(byte[] last);
}
