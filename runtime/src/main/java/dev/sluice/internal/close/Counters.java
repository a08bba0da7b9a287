package dev.sluice.internal.close;

import dev.sluice.SseStats.CloseReason;
import dev.sluice.SseStats.Refusal;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The traffic counters behind {@code SseStats}: what event streams wrote, skipped and held, why
 * they ended, and why requests got none. Every update is a {@link LongAdder}, so that counting
 * costs an event stream no lock and reading stats never blocks one. Thread-safe.
 */
public final class Counters {
  final LongAdder eventsSent = new LongAdder();
  final LongAdder bytesSent = new LongAdder();
  final LongAdder eventsDropped = new LongAdder();
  final LongAdder eventsUnencodable = new LongAdder();
  final LongAdder queuedBytes = new LongAdder();
  final LongAdder heartbeats = new LongAdder();
  final Map<CloseReason, LongAdder> closed = new EnumMap<>(CloseReason.class);
  final Map<Refusal, LongAdder> refused = new EnumMap<>(Refusal.class);

  Counters() {
    for (CloseReason reason : CloseReason.values()) {
      closed.put(reason, new LongAdder());
    }
    for (Refusal refusal : Refusal.values()) {
      refused.put(refusal, new LongAdder());
    }
  }

  /** Bytes encoded and waiting to be written: more ({@code bytes > 0}) or fewer. */
  public void queued(long bytes) {
    queuedBytes.add(bytes);
  }

  /** A write reached the client: {@code events} events (heartbeats are none) in these bytes. */
  public void written(int events, long bytes) {
    queuedBytes.add(-bytes);
    bytesSent.add(bytes);
    eventsSent.add(events);
  }

  public void dropped(long events) {
    eventsDropped.add(events);
  }

  public void unencodable() {
    eventsUnencodable.increment();
  }

  public void heartbeat() {
    heartbeats.increment();
  }

  /** A request answered without an event stream. */
  public void refused(Refusal refusal) {
    refused.get(refusal).increment();
  }

  void closed(CloseReason reason) {
    closed.get(reason).increment();
  }
}
