package dev.sluice.internal.close;

import dev.sluice.SseStats;
import dev.sluice.SseStats.CloseReason;
import dev.sluice.SseStats.Refusal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event streams of one handler, from admission to close: the places its limits allow (a {@link
 * Permit} each), the set a shutdown ends, and the {@link Counters} behind {@link SseStats}.
 * Thread-safe; every update is a counter or a concurrent map operation, so reading stats never
 * blocks an event stream.
 */
public final class EventStreams {
  private final int maxStreams;
  private final int maxStreamsPerClient;
  private final AtomicInteger admitted = new AtomicInteger();
  private final Map<String, AtomicInteger> admittedByEndpoint = new ConcurrentHashMap<>();

  /** Event streams per client address, only with a per-client limit; an address at 0 goes. */
  private final Map<Object, Integer> admittedByClient = new ConcurrentHashMap<>();

  private final Set<Ending> open = ConcurrentHashMap.newKeySet();

  /** Set before {@link #shuttingDown}, so that an event stream that sees the flag sees this too. */
  private volatile byte[] lastEvent;

  private volatile boolean shuttingDown;
  private final Counters counters = new Counters();

  /**
   * @param maxStreams the most event streams open at once over the whole handler
   * @param maxStreamsPerClient the most open at once from one client address; 0 for no such limit
   */
  public EventStreams(int maxStreams, int maxStreamsPerClient) {
    this.maxStreams = maxStreams;
    this.maxStreamsPerClient = maxStreamsPerClient;
  }

  public Counters counters() {
    return counters;
  }

  /** The outcome of {@link #admit}: a permit, or the refusal. */
  public record Admission(Permit permit, Refusal refusal) {}

  /**
   * A place for one more event stream of {@code endpoint} (its path template) from {@code client}
   * (its address), or the limit that refuses it.
   *
   * @param endpointLimit the endpoint's own limit; 0 for none
   */
  public Admission admit(String endpoint, int endpointLimit, Object client) {
    if (shuttingDown) {
      return refuse(Refusal.SHUTTING_DOWN);
    }
    if (admitted.incrementAndGet() > maxStreams) {
      admitted.decrementAndGet();
      return refuse(Refusal.SERVER_LIMIT);
    }
    AtomicInteger forEndpoint =
        admittedByEndpoint.computeIfAbsent(endpoint, p -> new AtomicInteger());
    if (forEndpoint.incrementAndGet() > endpointLimit && endpointLimit > 0) {
      forEndpoint.decrementAndGet();
      admitted.decrementAndGet();
      return refuse(Refusal.ENDPOINT_LIMIT);
    }
    if (maxStreamsPerClient > 0 && !admitClient(client)) {
      forEndpoint.decrementAndGet();
      admitted.decrementAndGet();
      return refuse(Refusal.CLIENT_LIMIT);
    }
    Object counted = maxStreamsPerClient > 0 ? client : null;
    return new Admission(new Permit(this, forEndpoint, counted), null);
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

  /** From {@link Permit#opened}. */
  void opened(Ending stream) {
    open.add(stream);
    // After the add: a shutdown that set the flag before it may have missed this event stream.
    if (shuttingDown) {
      stream.shutdown(lastEvent);
    }
  }

  /** From {@link Permit#release}: {@code event stream} is null if it never opened. */
  void released(AtomicInteger forEndpoint, Object client, Ending stream, CloseReason why) {
    if (client != null) {
      admittedByClient.computeIfPresent(client, (address, count) -> count > 1 ? count - 1 : null);
    }
    forEndpoint.decrementAndGet();
    admitted.decrementAndGet();
    if (stream != null) {
      open.remove(stream);
      counters.closed(why);
    }
  }

  /**
   * Refuses new event streams, ends every open one (after {@code last}, when not null) and waits up
   * to {@code timeoutNanos} for them to finish writing. One that opens meanwhile is ended as it
   * opens.
   *
   * @return whether every event stream ended in time
   */
  public boolean shutdown(byte[] last, long timeoutNanos) throws InterruptedException {
    lastEvent = last;
    shuttingDown = true;
    for (Ending stream : open) {
      stream.shutdown(last);
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
    counters.closed.forEach((reason, count) -> closedByReason.put(reason, count.sum()));
    Map<Refusal, Long> refusedByCause = new EnumMap<>(Refusal.class);
    counters.refused.forEach((refusal, count) -> refusedByCause.put(refusal, count.sum()));
    return new SseStats(
        admitted.get(),
        byEndpoint,
        counters.eventsSent.sum(),
        counters.bytesSent.sum(),
        counters.eventsDropped.sum(),
        counters.eventsUnencodable.sum(),
        counters.queuedBytes.sum(),
        counters.heartbeats.sum(),
        closedByReason,
        refusedByCause);
  }
}
