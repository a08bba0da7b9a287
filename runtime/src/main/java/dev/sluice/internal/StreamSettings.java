package dev.sluice.internal;

/**
 * What every stream of a server shares: its buffers, its counters and its limits.
 *
 * @param heartbeatNanos the server's idle interval before a heartbeat; 0 for none
 * @param maxBufferedBytes bytes a stream may hold encoded and unwritten before its producer waits
 * @param stallNanos how long a stream's client may accept no byte while a write waits before the
 *     stream is closed as slow; 0 for never
 * @param writes the streams waiting for their I/O thread to write them
 */
public record StreamSettings(
    BufferPool buffers,
    Streams streams,
    long heartbeatNanos,
    long maxBufferedBytes,
    long stallNanos,
    WriteQueues writes) {

  public StreamSettings(
      BufferPool buffers,
      Streams streams,
      long heartbeatNanos,
      long maxBufferedBytes,
      long stallNanos) {
    this(buffers, streams, heartbeatNanos, maxBufferedBytes, stallNanos, new WriteQueues());
  }
}
