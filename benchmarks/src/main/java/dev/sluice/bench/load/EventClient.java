package dev.sluice.bench.load;

/**
 * A client of many event streams driven by one thread, as the load benchmark uses it: {@link
 * LoadClient} over HTTP/1.1, a connection a stream, or {@link H2cClient}, many streams a
 * connection.
 */
interface EventClient extends AutoCloseable {
  /** Sends {@code GET path} on a stream of its own; returns at once. */
  EventReader open(String path);

  /** The totals of every stream opened. */
  Tally tally();

  /** What went wrong beyond single streams (a GOAWAY, a lost connection); empty if nothing. */
  default String trouble() {
    return "";
  }

  /** Closes every connection and stops the client's thread. */
  @Override
  void close();
}
