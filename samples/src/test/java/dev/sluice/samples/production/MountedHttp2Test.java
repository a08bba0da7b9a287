package dev.sluice.samples.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.SseStats.Refusal;
import dev.sluice.test.SluiceExtension;
import io.undertow.Handlers;
import io.undertow.UndertowOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A mounted handler enforces its per-connection stream cap on HTTP/2 connections of a server it
 * does not own, whatever that server advertises.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MountedHttp2Test {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final int PER_CONNECTION = 3;

  @RegisterExtension
  final SluiceExtension sluice =
      SluiceExtension.mounting(new HardeningEndpoints())
          .handler(handler -> handler.maxStreamsPerConnection(PER_CONNECTION))
          // h2c by prior knowledge
          .undertow(undertow -> undertow.setServerOption(UndertowOptions.ENABLE_HTTP2, true))
          .routes(sse -> Handlers.path().addPrefixPath("/sse", sse));

  @Test
  void streamsPastTheCapOnOneConnection_are429() throws Exception {
    try (RawHttp2 client = RawHttp2.connect(sluice.port())) {
      List<Integer> streams = new ArrayList<>();
      for (int i = 0; i < PER_CONNECTION + 2; i++) {
        streams.add(client.openStream("/sse/hardening/quiet"));
      }
      int served = 0;
      int refused = 0;
      for (int stream : streams) {
        assertTrue(client.awaitOutcome(stream, WAIT), client.toString());
        Integer status = client.status(stream);
        served += status != null && status == 200 ? 1 : 0;
        refused += status != null && status == 429 ? 1 : 0;
      }
      assertEquals(PER_CONNECTION, served, client.toString());
      assertEquals(2, refused, client.toString());
      assertEquals(2L, sluice.stats().refused().get(Refusal.CONNECTION_LIMIT), "" + sluice.stats());
    }
  }
}
