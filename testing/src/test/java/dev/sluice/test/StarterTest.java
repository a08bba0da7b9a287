package dev.sluice.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.SseServer;
import dev.sluice.client.EventStream;
import dev.sluice.client.SseClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** starting(..): a server the test's own code starts, given the port to listen on. */
class StarterTest {
  private final List<Integer> portsAsked = new CopyOnWriteArrayList<>();

  @RegisterExtension
  final SluiceExtension sluice =
      SluiceExtension.starting(
              port -> {
                portsAsked.add(port);
                return SseServer.builder().port(port).register(new RoomEndpoints("app")).start();
              })
          .client(client -> client.reconnect(false));

  @Test
  void startersServer_isServedAndInjected(SseServer server, SseClient client) {
    assertSame(sluice.server(), server);
    try (EventStream<String> room = client.events("/room", String.class)) {
      assertEquals(List.of("welcome to app"), room.toList());
    }
  }

  @Test
  void starter_getsAFreePortFirst_andThePortItHadAfterAStop() {
    int port = sluice.port();
    sluice.stop();
    sluice.start();

    assertEquals(List.of(0, port), portsAsked);
  }

  @Test
  void serverSettings_areTheStarters() {
    assertThrows(IllegalStateException.class, () -> sluice.server(server -> {}));
  }
}
