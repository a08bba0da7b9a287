package dev.sluice.internal;

import dev.sluice.SseStats;
import dev.sluice.SseStats.CloseReason;
import dev.sluice.spi.SseRoute;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's open streams: admission against the limits, the set that a shutdown ends, and
 * the counters behind {@link SseStats}. Thread-safe; every update is a counter or a concurrent
 * set operation, so reading stats never blocks a stream.
 */
public final class Streams {
  private final int maxStreams;
  private final AtomicInteger admitted = new AtomicInteger();
  private final Map<String, AtomicInteger> admittedByEndpoint = new ConcurrentHashMap<>();
  private final Set<SseConnection> open = ConcurrentHashMap.newKeySet();
  private volatile boolean shuttingDown;

  final LongAdder eventsSent = new LongAdder();
  final LongAdder bytesSent = new LongAdder();
  final LongAdder eventsDropped = new LongAdder();
  final LongAdder queuedBytes = new LongAdder();
  final LongAdder heartbeats = new LongAdder();
  private final Map<CloseReason, LongAdder> closed = new EnumMap<>(CloseReason.class);

  /** @param maxStreams the most streams open at once over the whole server */
  public Streams(int maxStreams) {
    this.maxStreams = maxStreams;
    for (CloseReason reason : CloseReason.values()) {
      closed.put(reason, new LongAdder());
    }
  }

  /** A place for one more stream of {@code route}, or null (counted as LIMIT) when full. */
  Permit admit(SseRoute route) {
    if (shuttingDown) {
      return null;
    }
    AtomicInteger forRoute =
        admittedByEndpoint.computeIfAbsent(route.path(), p -> new AtomicInteger());
    if (admitted.incrementAndGet() > maxStreams
        | (forRoute.incrementAndGet() > route.maxStreams() && route.maxStreams() > 0)) {
      admitted.decrementAndGet();
      forRoute.decrementAndGet();
      closed.get(CloseReason.LIMIT).increment();
      return null;
    }
    return new Permit(forRoute);
  }

  void opened(SseConnection connection) {
    open.add(connection);
  }

  /** Refuses new streams from now on. */
  private void stopAdmitting() {
    shuttingDown = true;
  }

  /**
   * Refuses new streams, ends every open one (after {@code last}, when not null) and waits up to
   * {@code timeoutNanos} for them to finish writing.
   *
   * @return whether every stream ended in time
   */
  public boolean shutdown(byte[] last, long timeoutNanos) throws InterruptedException {
    stopAdmitting();
    for (SseConnection connection : open) {
      connection.shutdown(last);
    }
    long deadline = System.nanoTime() + timeoutNanos;
    while (admitted.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return admitted.get() == 0;
  }

  public SseStats snapshot() {
    Map<String, Integer> byEndpoint = new HashMap<>();
    admittedByEndpoint.forEach((path, count) -> byEndpoint.put(path, count.get()));
    Map<CloseReason, Long> closedByReason = new EnumMap<>(CloseReason.class);
    closed.forEach((reason, count) -> closedByReason.put(reason, count.sum()));
    return new SseStats(admitted.get(), byEndpoint, eventsSent.sum(), bytesSent.sum(),
        eventsDropped.sum(), queuedBytes.sum(), heartbeats.sum(), closedByReason);
  }

  /**
   * One admitted stream's place. Released exactly once: when a stream that opened ends (with
   * its reason), or when the request ends without opening one (with none).
   */
  final class Permit {
    private final AtomicInteger forRoute;
    private boolean released;

    private Permit(AtomicInteger forRoute) {
      this.forRoute = forRoute;
    }

    synchronized void release(SseConnection connection, CloseReason reason) {
      if (released) {
        return;
      }
      released = true;
      admitted.decrementAndGet();
      forRoute.decrementAndGet();
      if (connection != null) {
        open.remove(connection);
      }
      if (reason != null) {
        closed.get(reason).increment();
      }
    }
  }
}
