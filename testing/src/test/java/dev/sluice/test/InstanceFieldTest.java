package dev.sluice.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.SseServer;
import dev.sluice.client.EventStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An instance field: a server per test method, closed after it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstanceFieldTest {
  private static SseServer firstTestsServer;

  @RegisterExtension
  final SluiceExtension sluice = SluiceExtension.serving(new GreetingEndpoints());

  @Test
  @Order(1)
  void eachTest_hasAServer() {
    firstTestsServer = sluice.server();
    try (EventStream<Greeting> greetings =
        sluice.client().request("/greetings").reconnect(false).events(Greeting.class)) {
      assertEquals(List.of(new Greeting("hello"), new Greeting("world")), greetings.toList());
    }
  }

  @Test
  @Order(2)
  void theLastTestsServer_isClosed() {
    assertNotNull(firstTestsServer, "runs after eachTest_hasAServer");
    int port = firstTestsServer.port();
    assertThrows(
        IOException.class,
        () -> {
          try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
          }
        },
        "nothing listens on the first test's port any more");
  }
}
