package dev.sluice.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sluice.SseServer;
import dev.sluice.client.EventStream;
import dev.sluice.client.SseClient;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code @SluiceTest}: one server per class for the named endpoints, and a client for it. */
@SluiceTest(endpoints = GreetingEndpoints.class)
class SluiceTestAnnotationTest {
  private static SseServer beforeAllServer;

  @BeforeAll
  static void keep(SseServer server) {
    beforeAllServer = server;
  }

  @Test
  void client_readsTheNamedEndpoints(SseClient client) {
    try (EventStream<Greeting> greetings =
        client.request("/greetings").reconnect(false).events(Greeting.class)) {
      assertEquals(List.of(new Greeting("hello"), new Greeting("world")), greetings.toList());
    }
  }

  @Test
  void server_isTheOneOfTheClass_andTheClientPointsAtIt(SseServer server, SseClient client) {
    assertSame(beforeAllServer, server);
    assertEquals("http://127.0.0.1:" + server.port() + "/", client.baseUri().toString());
  }

  @Nested
  class Inner {
    @Test
    void nestedClasses_shareTheServer(SseServer server) {
      assertSame(beforeAllServer, server);
    }
  }
}
