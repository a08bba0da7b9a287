package dev.sluice.internal.write;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Output buffers shared by all event streams of a server. An event stream holds a buffer only while
 * it has bytes to write, so an idle event stream costs no buffer at all, and a burst reuses warm
 * arrays instead of allocating. What the pool keeps is bounded in bytes, so a burst that grew many
 * buffers does not stay in the heap after it. Thread-safe.
 */
public final class BufferPool {
  /** A buffer grown past this by a large burst is left to the collector, not kept. */
  private static final int MAX_POOLED_CAPACITY = 256 * 1024;

  private final ConcurrentLinkedDeque<OutputBuffer> free = new ConcurrentLinkedDeque<>();
  private final AtomicLong pooledBytes = new AtomicLong();
  private final long maxPooledBytes;

  /**
   * @param maxPooledBytes the most bytes of idle buffers to keep
   */
  public BufferPool(long maxPooledBytes) {
    this.maxPooledBytes = maxPooledBytes;
  }

  /** An empty buffer. */
  OutputBuffer take() {
    OutputBuffer buffer = free.pollFirst();
    if (buffer == null) {
      return new OutputBuffer();
    }
    pooledBytes.addAndGet(-buffer.capacity());
    return buffer;
  }

  /** Returns a buffer no one uses any more. */
  void give(OutputBuffer buffer) {
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
