package dev.sluice.internal;

import dev.sluice.SseStats;
import dev.sluice.SseStats.CloseReason;
import dev.sluice.SseStats.Refusal;
import dev.sluice.spi.SseRoute;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's open streams: admission against the limits, the set that a shutdown ends, and the
 * counters behind {@link SseStats}. Thread-safe; every update is a counter or a concurrent map
 * operation, so reading stats never blocks a stream.
 */
public final class Streams {
  private final int maxStreams;
  private final int maxStreamsPerClient;
  private final AtomicInteger admitted = new AtomicInteger();
  private final Map<String, AtomicInteger> admittedByEndpoint = new ConcurrentHashMap<>();

  /** Streams per client address, only with a per-client limit; an address at 0 is removed. */
  private final Map<Object, Integer> admittedByClient = new ConcurrentHashMap<>();

  private final Set<SseConnection> open = ConcurrentHashMap.newKeySet();

  /** Set before {@link #shuttingDown}, so that a stream that sees the flag sees this too. */
  private volatile byte[] lastEvent;

  private volatile boolean shuttingDown;

  final LongAdder eventsSent = new LongAdder();
  final LongAdder bytesSent = new LongAdder();
  final LongAdder eventsDropped = new LongAdder();
  final LongAdder eventsUnencodable = new LongAdder();
  final LongAdder queuedBytes = new LongAdder();
  final LongAdder heartbeats = new LongAdder();
  private final Map<CloseReason, LongAdder> closed = new EnumMap<>(CloseReason.class);
  private final Map<Refusal, LongAdder> refused = new EnumMap<>(Refusal.class);

  /**
   * @param maxStreams the most streams open at once over the whole server
   * @param maxStreamsPerClient the most streams open at once from one client address; 0 for no such
   *     limit
   */
  public Streams(int maxStreams, int maxStreamsPerClient) {
    this.maxStreams = maxStreams;
    this.maxStreamsPerClient = maxStreamsPerClient;
    for (CloseReason reason : CloseReason.values()) {
      closed.put(reason, new LongAdder());
    }
    for (Refusal refusal : Refusal.values()) {
      refused.put(refusal, new LongAdder());
    }
  }

  /**
   * A place for one more stream of {@code route} from {@code client} (its address), or the limit
   * that refuses it.
   */
  Admission admit(SseRoute route, Object client) {
    if (shuttingDown) {
      return refuse(Refusal.SHUTTING_DOWN);
    }
    if (admitted.incrementAndGet() > maxStreams) {
      admitted.decrementAndGet();
      return refuse(Refusal.SERVER_LIMIT);
    }
    AtomicInteger forRoute =
        admittedByEndpoint.computeIfAbsent(route.path(), p -> new AtomicInteger());
    if (forRoute.incrementAndGet() > route.maxStreams() && route.maxStreams() > 0) {
      forRoute.decrementAndGet();
      admitted.decrementAndGet();
      return refuse(Refusal.ENDPOINT_LIMIT);
    }
    if (maxStreamsPerClient > 0 && !admitClient(client)) {
      forRoute.decrementAndGet();
      admitted.decrementAndGet();
      return refuse(Refusal.CLIENT_LIMIT);
    }
    return new Admission(new Permit(forRoute, maxStreamsPerClient > 0 ? client : null), null);
  }

  private boolean admitClient(Object client) {
    boolean[] admittedHere = {false};
    admittedByClient.compute(
        client,
        (address, count) -> {
          int now = count == null ? 0 : count;
          if (now >= maxStreamsPerClient) {
            return count;
          }
          admittedHere[0] = true;
          return now + 1;
        });
    return admittedHere[0];
  }

  private static Admission refuse(Refusal refusal) {
    return new Admission(null, refusal);
  }

  /** Counts a request answered without a stream. */
  void refused(Refusal refusal) {
    refused.get(refusal).increment();
  }

  /**
   * Refuses new streams, ends every open one (after {@code last}, when not null) and waits up to
   * {@code timeoutNanos} for them to finish writing. A stream that opens meanwhile is ended as it
   * opens.
   *
   * @return whether every stream ended in time
   */
  public boolean shutdown(byte[] last, long timeoutNanos) throws InterruptedException {
    lastEvent = last;
    shuttingDown = true;
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
    Map<Refusal, Long> refusedByCause = new EnumMap<>(Refusal.class);
    refused.forEach((refusal, count) -> refusedByCause.put(refusal, count.sum()));
    return new SseStats(
        admitted.get(),
        byEndpoint,
        eventsSent.sum(),
        bytesSent.sum(),
        eventsDropped.sum(),
        eventsUnencodable.sum(),
        queuedBytes.sum(),
        heartbeats.sum(),
        closedByReason,
        refusedByCause);
  }

  /** The outcome of {@link #admit}: a permit, or the refusal. */
  record Admission(Permit permit, Refusal refusal) {}

  /**
   * One admitted stream's place (and its place on its HTTP/2 connection), held from admission to
   * the end of its exchange, and released exactly once: by the exchange's completion listener,
   * which every way a request ends passes through, or by the stream's own close, since Undertow
   * does not complete an HTTP/2 exchange whose stream the client reset.
   */
  final class Permit {
    private final AtomicInteger forRoute;
    private final Object client;
    private Http2Guard.Lease lease = Http2Guard.Lease.NONE;
    private SseConnection connection;
    private CloseReason reason;
    private boolean released;

    private Permit(AtomicInteger forRoute, Object client) {
      this.forRoute = forRoute;
      this.client = client;
    }

    /** Its place on its HTTP/2 connection, given back with this one. */
    synchronized void holding(Http2Guard.Lease connectionLease) {
      lease = connectionLease;
    }

    /**
     * The stream opened: a shutdown from now on ends it, and one already under way ends it at once.
     */
    void opened(SseConnection stream) {
      synchronized (this) {
        if (released) {
          return;
        }
        connection = stream;
      }
      open.add(stream);
      // After the add: a shutdown that set the flag before it may have missed this stream.
      if (shuttingDown) {
        stream.shutdown(lastEvent);
      }
    }

    /** How the stream ended, counted when the exchange completes; the first reason holds. */
    synchronized void ended(CloseReason why) {
      if (reason == null) {
        reason = why;
      }
    }

    synchronized void release() {
      if (released) {
        return;
      }
      released = true;
      if (client != null) {
        admittedByClient.computeIfPresent(client, (address, count) -> count > 1 ? count - 1 : null);
      }
      forRoute.decrementAndGet();
      admitted.decrementAndGet();
      CloseReason why = null;
      if (connection != null) {
        open.remove(connection);
        why = reason != null ? reason : CloseReason.CLIENT;
        closed.get(why).increment();
      }
      lease.release(why == CloseReason.CLIENT);
    }
  }
}
