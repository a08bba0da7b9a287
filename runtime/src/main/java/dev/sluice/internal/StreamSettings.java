package dev.sluice.internal;

/**
 * What every stream of a server shares: its buffers, its counters and its limits.
 *
 * @param heartbeatNanos the server's idle interval before a heartbeat; 0 for none
 * @param maxBufferedBytes bytes a stream may hold encoded and unwritten before its producer waits
 * @param stallNanos how long a stream's client may accept no byte while a write waits before
 *     the stream is closed as slow; 0 for never
 */
public record StreamSettings(
    BufferPool buffers,
    Streams streams,
    long heartbeatNanos,
    long maxBufferedBytes,
    long stallNanos) {}
