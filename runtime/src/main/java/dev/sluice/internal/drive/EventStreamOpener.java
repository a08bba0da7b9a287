package dev.sluice.internal.drive;

import dev.sluice.internal.close.Permit;
import dev.sluice.internal.write.EventStreamWriter;
import dev.sluice.internal.write.WriteSettings;
import dev.sluice.spi.SseResponse;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Opens an endpoint's event streams: for what the endpoint returned, a writer, and the driver that
 * feeds it (a publisher's demand, or a blocking source's thread). Immutable; one per route.
 */
public final class EventStreamOpener {
  private final WriteSettings settings;
  private final String endpoint;
  private final long heartbeatNanos;

  /** Event streams end gracefully at this age plus up to a tenth more; 0 for never. */
  private final long maxAgeNanos;

  /**
   * @param endpoint how logs name the endpoint: its path and the method behind it
   * @param heartbeatNanos the idle interval before a heartbeat comment; 0 for none
   * @param maxAgeNanos the age at which event streams are rotated; 0 for never
   */
  public EventStreamOpener(
      WriteSettings settings, String endpoint, long heartbeatNanos, long maxAgeNanos) {
    this.settings = settings;
    this.endpoint = endpoint;
    this.heartbeatNanos = heartbeatNanos;
    this.maxAgeNanos = maxAgeNanos;
  }

  /**
   * Streams {@code response} on {@code exchange}, off the I/O thread. For a blocking source, this
   * pulls it until it ends or its client leaves.
   *
   * @return null once the event stream opened, else what its publisher failed with before its first
   *     event, which the caller answers with 500 (nothing has been sent)
   */
  public Throwable open(HttpServerExchange exchange, SseResponse response, Permit permit) {
    Executor worker = exchange.getConnection().getWorker();
    EventStreamWriter writer =
        new EventStreamWriter(exchange, settings, permit, endpoint, heartbeatNanos, streamAge());
    if (response.stream() != null) {
      new BlockingDriver(
              response.stream(), response.encoder(), writer, settings.counters(), endpoint, worker)
          .run();
      return null;
    }
    PublisherDriver driver =
        new PublisherDriver(response.encoder(), writer, settings.counters(), endpoint, worker);
    driver.subscribeTo(response.publisher());
    return driver.open();
  }

  /**
   * This event stream's age at rotation: the configured age plus up to a tenth more, so that event
   * event streams opened together (after a deploy, say) do not all reconnect together.
   */
  private long streamAge() {
    return maxAgeNanos == 0
        ? 0
        : maxAgeNanos + ThreadLocalRandom.current().nextLong(maxAgeNanos / 10 + 1);
  }
}
