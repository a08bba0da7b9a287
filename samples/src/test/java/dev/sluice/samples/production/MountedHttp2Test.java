package dev.sluice.samples.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.SseHandler;
import dev.sluice.SseStats.Refusal;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A mounted handler enforces its per-connection stream cap on HTTP/2 connections of a server it
 * does not own, whatever that server advertises.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MountedHttp2Test {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final int PER_CONNECTION = 3;

  private final HardeningEndpoints endpoints = new HardeningEndpoints();
  private SseHandler sse;
  private Undertow undertow;

  @BeforeEach
  void start() {
    sse = SseHandler.builder().register(endpoints).maxStreamsPerConnection(PER_CONNECTION).build();
    undertow =
        Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setServerOption(UndertowOptions.ENABLE_HTTP2, true) // h2c by prior knowledge
            .setHandler(Handlers.path().addPrefixPath("/sse", sse))
            .build();
    undertow.start();
  }

  @AfterEach
  void stop() {
    sse.close();
    undertow.stop();
  }

  @Test
  void streamsPastTheCapOnOneConnection_are429() throws Exception {
    int port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    try (RawHttp2 client = RawHttp2.connect(port)) {
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
      assertEquals(2L, sse.stats().refused().get(Refusal.CONNECTION_LIMIT), "" + sse.stats());
    }
  }
}
