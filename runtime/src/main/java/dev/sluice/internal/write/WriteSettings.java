package dev.sluice.internal.write;

import dev.sluice.internal.close.Counters;

/**
 * What every event stream of a handler shares: its buffers, its counters, its limits and the queues
 * of its I/O threads.
 *
 * @param maxBufferedBytes bytes an event stream may hold encoded and unwritten before its producer
 *     waits
 * @param stallNanos how long a client may accept no byte while a write waits before its event event
 *     stream is closed as slow; 0 for never
 */
public record WriteSettings(
    BufferPool buffers,
    Counters counters,
    long maxBufferedBytes,
    long stallNanos,
    WriteQueues writes) {

  public WriteSettings(
      BufferPool buffers, Counters counters, long maxBufferedBytes, long stallNanos) {
    this(buffers, counters, maxBufferedBytes, stallNanos, new WriteQueues());
  }
}
