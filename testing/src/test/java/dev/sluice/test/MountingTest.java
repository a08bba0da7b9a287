package dev.sluice.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.SseHandler;
import dev.sluice.SseStats.CloseReason;
import dev.sluice.client.EventStream;
import dev.sluice.client.SseClient;
import io.undertow.Handlers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** mounting(..): an SseHandler in a plain Undertow server, where the routes put it. */
class MountingTest {
  @RegisterExtension
  final SluiceExtension sluice =
      SluiceExtension.mounting(new GreetingEndpoints())
          .handler(handler -> handler.maxStreams(5))
          .routes(
              sse ->
                  Handlers.path()
                      .addExactPath("/hello", e -> e.getResponseSender().send("hello"))
                      .addPrefixPath("/sse", sse))
          .undertow(undertow -> undertow.setIoThreads(1).setWorkerThreads(2))
          .client(client -> client.reconnect(false));

  @Test
  void handler_servesUnderItsPrefix_besideTheServersOwnRoutes(SseClient client, SseHandler sse)
      throws Exception {
    try (EventStream<Greeting> greetings = client.events("/sse/greetings", Greeting.class)) {
      assertEquals(List.of(new Greeting("hello"), new Greeting("world")), greetings.toList());
    }
    assertEquals(
        "hello",
        sluice
            .httpClient()
            .send(HttpRequest.newBuilder(sluice.uri("/hello")).build(), BodyHandlers.ofString())
            .body());
    assertSame(sluice.handler(), sse);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sluice.stats().closed().get(CloseReason.COMPLETED) != 1L) {
      assertTrue(System.nanoTime() < deadline, "the stream counted: " + sluice.stats());
      Thread.sleep(10);
    }
  }

  @Test
  void settingsAndAccessorsOfAnSseServer_areRefused() {
    assertThrows(IllegalStateException.class, () -> sluice.server(server -> {}));
    assertThrows(IllegalStateException.class, sluice::server);
    assertThrows(IllegalStateException.class, () -> sluice.https(null));
    assertThrows(
        IllegalStateException.class,
        () -> SluiceExtension.serving().handler(handler -> {}),
        "handler(..) is mounting(..)'s");
  }
}
