package dev.sluice.micrometer;

import dev.sluice.SseServer;
import dev.sluice.SseStats;
import dev.sluice.SseStats.CloseReason;
import dev.sluice.SseStats.Refusal;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A server's {@link SseServer#stats() stats} as Micrometer meters, read from the stats each time
 * the registry reads them (nothing is counted twice, nothing runs in between).
 *
 * <pre>{@code
 * new SluiceMetrics(server).bindTo(registry);
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@code sluice.streams.open}</td><td>gauge</td><td>{@code endpoint}</td></tr>
 *   <tr><td>{@code sluice.streams.closed}</td><td>counter</td><td>{@code reason}</td></tr>
 *   <tr><td>{@code sluice.requests.refused}</td><td>counter</td><td>{@code cause}</td></tr>
 *   <tr><td>{@code sluice.events.sent}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code sluice.events.dropped}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code sluice.events.unencodable}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code sluice.bytes.sent}</td><td>counter, bytes</td><td></td></tr>
 *   <tr><td>{@code sluice.bytes.queued}</td><td>gauge, bytes</td><td></td></tr>
 *   <tr><td>{@code sluice.heartbeats.sent}</td><td>counter</td><td></td></tr>
 * </table>
 *
 * <p>Tags are bounded: {@code endpoint} is an endpoint's path template ({@code /rooms/{room}},
 * never the path a client asked for), {@code reason} a lower-case {@link CloseReason} and {@code
 * cause} a lower-case {@link Refusal}; every reason and cause is registered up front, at zero. An
 * endpoint's gauge is registered the first time the stats show it, which is at its first request,
 * so that endpoints need not be listed here; the registry sees it from its next read on.
 */
public final class SluiceMetrics implements MeterBinder {
  private final Supplier<SseStats> stats;
  private final Tags tags;

  /** Each registry this is bound to, and the endpoints whose gauge it has. */
  private final Map<MeterRegistry, Set<String>> bound = new ConcurrentHashMap<>();

  /** The meters of {@code server}. */
  public SluiceMetrics(SseServer server) {
    this(server, Tags.empty());
  }

  /** The meters of {@code server}, each with {@code tags} as well (a server's name, say). */
  public SluiceMetrics(SseServer server, Iterable<Tag> tags) {
    this(Objects.requireNonNull(server, "server")::stats, tags);
  }

  /** The meters of any source of stats, each with {@code tags} as well. */
  public SluiceMetrics(Supplier<SseStats> stats, Iterable<Tag> tags) {
    this.stats = Objects.requireNonNull(stats, "stats");
    this.tags = Tags.of(tags);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    bound.putIfAbsent(registry, ConcurrentHashMap.newKeySet());
    // Gauges hold this strongly, and counters only weakly: this one keeps the binder alive.
    Gauge.builder("sluice.bytes.queued", this, m -> m.read().queuedBytes())
        .description("Bytes encoded and not yet written, over all streams")
        .baseUnit(BaseUnits.BYTES)
        .tags(tags)
        .strongReference(true)
        .register(registry);
    counter(
        registry, "sluice.events.sent", "Events written to clients", null, SseStats::eventsSent);
    counter(
        registry,
        "sluice.events.dropped",
        "Events a slow client never got, by its" + " endpoint's slow-client policy",
        null,
        SseStats::eventsDropped);
    counter(
        registry,
        "sluice.events.unencodable",
        "Events skipped because they could not be" + " encoded",
        null,
        SseStats::eventsUnencodable);
    counter(
        registry,
        "sluice.bytes.sent",
        "Bytes of events and heartbeats written to clients",
        BaseUnits.BYTES,
        SseStats::bytesSent);
    counter(
        registry, "sluice.heartbeats.sent", "Heartbeat comments sent", null, SseStats::heartbeats);
    for (CloseReason reason : CloseReason.values()) {
      FunctionCounter.builder(
              "sluice.streams.closed", this, m -> m.read().closed().getOrDefault(reason, 0L))
          .description("Streams ended, by reason")
          .tags(tags)
          .tag("reason", tagValue(reason))
          .register(registry);
    }
    for (Refusal cause : Refusal.values()) {
      FunctionCounter.builder(
              "sluice.requests.refused", this, m -> m.read().refused().getOrDefault(cause, 0L))
          .description("Requests answered without opening a stream, by cause")
          .tags(tags)
          .tag("cause", tagValue(cause))
          .register(registry);
    }
    read(); // the endpoints known already
  }

  private void counter(
      MeterRegistry registry,
      String name,
      String description,
      String baseUnit,
      ToLongFunction<SseStats> value) {
    FunctionCounter.builder(name, this, m -> value.applyAsLong(m.read()))
        .description(description)
        .baseUnit(baseUnit)
        .tags(tags)
        .register(registry);
  }

  /** The stats now; registers the open-streams gauge of any endpoint seen for the first time. */
  private SseStats read() {
    SseStats now = stats.get();
    bound.forEach(
        (registry, endpoints) -> {
          for (String endpoint : now.openStreamsByEndpoint().keySet()) {
            if (endpoints.add(endpoint)) {
              Gauge.builder(
                      "sluice.streams.open",
                      this,
                      m -> m.read().openStreamsByEndpoint().getOrDefault(endpoint, 0))
                  .description("Streams open now, by endpoint path template")
                  .tags(tags)
                  .tag("endpoint", endpoint)
                  .strongReference(true)
                  .register(registry);
            }
          }
        });
    return now;
  }

  private static String tagValue(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }
}
