package dev.sluice.internal.encode;

import dev.sluice.encode.Utf8Buffer;

/**
 * One buffer per producing thread to encode an event into, outside any lock, before its bytes are
 * handed to a stream. Producers are worker threads, the threads of {@code Stream} endpoints and the
 * threads that publish to broadcasts, so these are few, and a buffer grown by a huge event is not
 * kept. An encoder that offers to another event stream while it encodes (a getter that publishes)
 * gets a fresh buffer rather than this one.
 */
public final class ScratchBuffer {
  private static final int INITIAL_CAPACITY = 1024;

  /** A buffer grown past this is left to the collector. */
  private static final int MAX_KEPT_CAPACITY = 64 * 1024;

  private static final ThreadLocal<Utf8Buffer> FREE = new ThreadLocal<>();

  private ScratchBuffer() {}

  /** This thread's buffer, empty, which is then this caller's until {@link #give}. */
  public static Utf8Buffer take() {
    Utf8Buffer buffer = FREE.get();
    if (buffer == null) {
      return new Utf8Buffer(INITIAL_CAPACITY);
    }
    FREE.set(null);
    buffer.truncate(0);
    return buffer;
  }

  public static void give(Utf8Buffer buffer) {
    if (buffer.array().length <= MAX_KEPT_CAPACITY) {
      FREE.set(buffer);
    }
  }
}
