package dev.sluice.internal;

import dev.sluice.encode.Utf8Buffer;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Output buffers shared by all streams of a server. A stream holds a buffer only while it has bytes
 * to write, so an idle stream costs no buffer at all, and a burst reuses warm arrays instead of
 * allocating. What the pool keeps is bounded in bytes, so a burst that grew many buffers does not
 * stay in the heap after it. Thread-safe.
 */
public final class BufferPool {
  private static final int INITIAL_CAPACITY = 4 * 1024;

  /** A buffer grown past this by a large burst is left to the collector, not kept. */
  private static final int MAX_POOLED_CAPACITY = 256 * 1024;

  private final ConcurrentLinkedDeque<Utf8Buffer> free = new ConcurrentLinkedDeque<>();
  private final AtomicLong pooledBytes = new AtomicLong();
  private final long maxPooledBytes;

  /**
   * @param maxPooledBytes the most bytes of idle buffers to keep
   */
  public BufferPool(long maxPooledBytes) {
    this.maxPooledBytes = maxPooledBytes;
  }

  /** An empty buffer. */
  Utf8Buffer take() {
    Utf8Buffer buffer = free.pollFirst();
    if (buffer == null) {
      return new Utf8Buffer(INITIAL_CAPACITY);
    }
    pooledBytes.addAndGet(-buffer.capacity());
    return buffer;
  }

  /** Returns a buffer no one uses any more. */
  void give(Utf8Buffer buffer) {
    int capacity = buffer.capacity();
    if (capacity > MAX_POOLED_CAPACITY) {
      return;
    }
    if (pooledBytes.addAndGet(capacity) > maxPooledBytes) {
      pooledBytes.addAndGet(-capacity);
      return;
    }
    buffer.clear();
    free.offerFirst(buffer); // most recently used first: still in cache
  }
}
