package dev.sluice.internal.broadcast;

/**
 * The event stream whose endpoint publisher is being subscribed to on this thread: how a broadcast
 * behind a user's operator (a map, a filter, a first comment) still knows which event stream it
 * feeds, where to deliver to it and how it is doing.
 */
public final class Subscribing {
  private static final ThreadLocal<FanOutTarget> CURRENT = new ThreadLocal<>();

  private Subscribing() {}

  /** Runs {@code subscribe} with {@code target} as the event stream being subscribed to. */
  public static void as(FanOutTarget target, Runnable subscribe) {
    FanOutTarget outer = CURRENT.get();
    CURRENT.set(target);
    try {
      subscribe.run();
    } finally {
      CURRENT.set(outer);
    }
  }

  /** The event stream being subscribed to on this thread, or null. */
  static FanOutTarget current() {
    return CURRENT.get();
  }
}
