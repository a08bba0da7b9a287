package dev.sluice.internal.broadcast;

import dev.sluice.encode.SseEncoder;
import java.util.concurrent.Executor;

/**
 * The event stream a broadcast delivers to, as the runtime describes it: where to deliver, what to
 * encode with, and how its connection is doing. The runtime's subscriber implements it, and a
 * broadcast finds it either as its subscriber or, when a user's operator stands in between, as the
 * event stream {@link Subscribing} names while the endpoint's publisher is being subscribed to.
 */
public interface FanOutTarget {
  /** {@code events} were skipped for this event stream. Callable from any thread. */
  void dropped(long events);

  /**
   * Since when ({@link System#nanoTime()}) this event stream's connection has held bytes that its
   * client did not take, or 0 while it keeps draining. A subscriber that is behind while its
   * connection drains is not slow: the server is. Callable from any thread.
   */
  long backedUpSince();

  /** The I/O thread that writes this event stream: where a source with no user code delivers. */
  Executor ioThread();

  /** The server's worker pool: where deliveries that pass through user code run. */
  Executor worker();

  /** The encoder of this event stream's route, which a broadcast encodes its events with ahead. */
  SseEncoder<?> encoder();

  /**
   * The event the broadcast passes on next, on this thread, with its bytes encoded once for every
   * event stream: if it is what reaches this event stream (not replaced by the user's operator),
   * its shared bytes are written instead of encoding it again.
   */
  void sharing(SharedEncoding next);
}
