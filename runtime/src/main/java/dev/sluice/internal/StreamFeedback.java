package dev.sluice.internal;

import dev.sluice.encode.SseEncoder;
import java.util.concurrent.Executor;

/**
 * The stream a fan-out source (an {@code SseBroadcaster}) delivers to, as the runtime describes it:
 * where to deliver, what to encode with, and how its connection is doing. The runtime's subscriber
 * implements it, and a source finds it either as its subscriber or, when a user's operator stands
 * in between, as {@link #subscribing()} while the endpoint's publisher is being subscribed to.
 */
public interface StreamFeedback {
  /** {@code events} were skipped for this stream. Callable from any thread. */
  void dropped(long events);

  /**
   * Since when ({@link System#nanoTime()}) this stream's connection has held bytes that its client
   * did not take, or 0 while it keeps draining. A subscriber that is behind while its connection
   * drains is not slow: the server is. Callable from any thread.
   */
  long backedUpSince();

  /** The I/O thread that writes this stream: where a source with no user code delivers. */
  Executor ioThread();

  /** The server's worker pool: where deliveries that pass through user code run. */
  Executor worker();

  /** The encoder of this stream's route, which a source may encode its events with ahead. */
  SseEncoder<?> encoder();

  /** The stream whose endpoint publisher is being subscribed to on this thread, or null. */
  static StreamFeedback subscribing() {
    return PublisherDriver.SUBSCRIBING.get();
  }
}
