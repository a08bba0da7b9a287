package dev.sluice.samples.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.SseEvent;
import dev.sluice.SseServer;
import dev.sluice.SseStats.CloseReason;
import dev.sluice.samples.production.SseLoadClient.Connection;
import dev.sluice.test.SluiceExtension;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A stream whose endpoint method is still running when close() starts. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShutdownRaceTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);
  private static final SseEvent<String> BYE = SseEvent.<String>builder().comment("bye").build();

  private final HardeningEndpoints endpoints = new HardeningEndpoints();

  @RegisterExtension
  final SluiceExtension sluice =
      Servers.serving(endpoints)
          .server(server -> server.shutdownTimeout(SHUTDOWN_TIMEOUT).shutdownEvent(BYE));

  @Test
  void streamThatOpensDuringShutdown_isShutDownAsItOpens(SseServer server, SseLoadClient client)
      throws Exception {
    try {
      Connection late = client.request("/hardening/slow-open").open();
      assertTrue(endpoints.slowOpenEntered.await(WAIT.toSeconds(), TimeUnit.SECONDS));

      long closing = System.nanoTime();
      CompletableFuture<Void> closed = CompletableFuture.runAsync(server::close);
      Thread.sleep(200); // close() is under way, waiting for the stream admitted before it
      endpoints.slowOpenRelease.countDown();

      assertTrue(late.awaitEnd(WAIT), late.toString());
      closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      long tookMillis = (System.nanoTime() - closing) / 1_000_000;
      // The stream ended as it opened, not when the shutdown timeout ran out.
      assertTrue(
          tookMillis < SHUTDOWN_TIMEOUT.toMillis() / 2, "close() took " + tookMillis + " ms");
      assertEquals(200, late.status(), late.toString());
      assertEquals(1, late.commentCount(), "the shutdown event, last: " + late);
      assertEquals("bye", late.comments().get(0));
      assertTrue(late.responseComplete(), late.toString());
      assertEquals(1L, sluice.stats().closed().get(CloseReason.SHUTDOWN), "" + sluice.stats());
      assertEquals(0, sluice.stats().openStreams());
    } finally {
      endpoints.slowOpenRelease.countDown(); // before the server closes, which would wait for it
    }
  }
}
