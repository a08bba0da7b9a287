package dev.sluice.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sluice.SseServer;
import dev.sluice.client.EventStream;
import dev.sluice.client.SseClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A static field: endpoints built by the test, settings for both ends, one server per class. */
class StaticFieldTest {
  @RegisterExtension
  static final SluiceExtension sluice =
      SluiceExtension.serving(new RoomEndpoints("lobby"))
          .server(server -> server.maxStreams(7))
          .client(client -> client.reconnect(false));

  @Test
  void settings_reachTheClient_andTheEndpointsAreTheTestsOwn() {
    try (EventStream<String> room = sluice.client().events("/room", String.class)) {
      assertEquals(List.of("welcome to lobby"), room.toList(), "ended: reconnect(false) took");
    }
  }

  @Test
  void parameters_andAccessors_agree(SseServer server, SseClient client) {
    assertSame(sluice.server(), server);
    assertSame(sluice.client(), client);
    assertEquals(sluice.baseUri(), client.baseUri());
  }
}
