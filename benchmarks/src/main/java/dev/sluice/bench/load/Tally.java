package dev.sluice.bench.load;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What all the streams of one client add up to. The atomics may be read from any thread while the
 * client runs; {@link #latencyMicros} is written by the client's one thread and is read after the
 * client is closed, whose join makes it visible.
 */
final class Tally {
  final AtomicLong events = new AtomicLong();

  /**
   * Streams whose request went out: over HTTP/1.1 the connections made, over HTTP/2 the HEADERS
   * frames queued on a connection.
   */
  final AtomicInteger connected = new AtomicInteger();

  final AtomicInteger ended = new AtomicInteger();
  final AtomicInteger connectFailures = new AtomicInteger();
  final AtomicReference<IOException> firstConnectError = new AtomicReference<>();
  final LongList latencyMicros = new LongList();

  /**
   * Whether to record latencies and the gaps between events; off at first (a clock reading per read
   * costs the bursts their speed).
   */
  volatile boolean recordLatency;

  /** When the first event arrived ({@code System.nanoTime}), or 0. */
  volatile long firstEventNanos;
}
