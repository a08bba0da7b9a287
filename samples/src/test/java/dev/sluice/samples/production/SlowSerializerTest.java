package dev.sluice.samples.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.samples.production.HardeningEndpoints.Sluggish;
import dev.sluice.test.SluiceExtension;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An event whose serialization blocks (a getter that waits on a lock, a lazy load) delays its own
 * stream and no other: the I/O thread that serves it never waits for an encoder. Both streams share
 * one HTTP/2 connection, so they share its I/O thread; the slow one's heartbeat falls due while its
 * event is being encoded, which is when an encoder holding the stream's lock would stop the I/O
 * thread.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SlowSerializerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final HardeningEndpoints endpoints = new HardeningEndpoints();

  @RegisterExtension
  final SluiceExtension sluice =
      SluiceExtension.serving(endpoints).server(server -> server.heartbeat(Duration.ofMillis(100)));

  @Test
  void eventThatTakesSecondsToSerialize_doesNotDelayAStreamOnTheSameIoThread() throws Exception {
    Thread publisher = new Thread(() -> endpoints.sluggish.publish(new Sluggish("hold")));
    try (RawHttp2 connection = RawHttp2.connect(sluice.port())) {
      int slow = connection.openStream("/hardening/sluggish");
      int paced = connection.openStream("/hardening/pace");
      for (int stream : new int[] {slow, paced}) {
        assertTrue(connection.awaitOutcome(stream, WAIT), connection.toString());
        assertEquals(200, connection.status(stream), connection.toString());
      }
      Probes.eventually(
          WAIT,
          () -> endpoints.sluggish.subscriberCount() == 1 && endpoints.pace.subscriberCount() == 1,
          () -> "subscribed");

      publisher.start(); // the broadcast encodes on the publishing thread: this one, held
      assertTrue(Sluggish.ENTERED.await(WAIT.toSeconds(), TimeUnit.SECONDS));
      Thread.sleep(500); // the slow stream's heartbeat falls due, several times
      long before = connection.dataBytes(paced);
      endpoints.pace.publish("meanwhile");
      Probes.eventually(
          WAIT,
          () -> connection.dataBytes(paced) > before,
          () -> "the other stream got nothing while an event was being encoded: " + connection);
      assertTrue(publisher.isAlive(), "the encoder was still held");

      Sluggish.HOLD.countDown();
      publisher.join(WAIT.toMillis());
      assertFalse(publisher.isAlive(), "the held event was encoded and handed over");
    } finally {
      Sluggish.HOLD.countDown(); // the held encoder goes on, whatever happened
    }
  }
}
