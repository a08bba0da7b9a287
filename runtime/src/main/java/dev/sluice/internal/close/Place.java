package dev.sluice.internal.close;

/**
 * A place an event stream holds besides its permit, given back with it: its place on its HTTP/2
 * connection.
 */
@FunctionalInterface
public interface Place {
  /** None to give back: an HTTP/1.1 event stream, which has its connection to itself. */
  Place NONE = resetByClient -> {};

  /**
   * Gives the place back, once.
   *
   * @param resetByClient whether the event stream ended because the client reset or closed it
   */
  void release(boolean resetByClient);
}
