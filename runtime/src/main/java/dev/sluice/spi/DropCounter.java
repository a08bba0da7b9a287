package dev.sluice.spi;

/**
 * Implemented by the runtime's subscribers, so that a source which skips events for a slow
 * client (an {@code SseBroadcaster} with a drop policy) can have them counted in the server's
 * stats. Sources check for it with {@code instanceof}; any other subscriber is simply not told.
 */
public interface DropCounter {
  /** {@code events} were skipped for this subscriber. Callable from any thread. */
  void dropped(long events);
}
