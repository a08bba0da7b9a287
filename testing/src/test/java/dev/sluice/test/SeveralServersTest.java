package dev.sluice.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.sluice.client.EventStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two fields, two servers: each has its own port and endpoints. */
class SeveralServersTest {
  @RegisterExtension
  final SluiceExtension lobby =
      SluiceExtension.serving(new RoomEndpoints("lobby")).client(client -> client.reconnect(false));

  @RegisterExtension
  final SluiceExtension kitchen =
      SluiceExtension.serving(new RoomEndpoints("kitchen"))
          .client(client -> client.reconnect(false));

  @Test
  void eachField_hasAServerOfItsOwn() {
    assertNotEquals(lobby.port(), kitchen.port());
    assertEquals(List.of("welcome to lobby"), room(lobby));
    assertEquals(List.of("welcome to kitchen"), room(kitchen));
  }

  private static List<String> room(SluiceExtension server) {
    try (EventStream<String> room = server.client().events("/room", String.class)) {
      return room.toList();
    }
  }
}
