package dev.sluice.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.SseServer;
import dev.sluice.client.EventStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** stop() mid-test: the server goes away, and the next one comes back on its port. */
class StopAndStartTest {
  @RegisterExtension
  final SluiceExtension sluice =
      SluiceExtension.serving(new GreetingEndpoints()).client(client -> client.reconnect(false));

  @Test
  void stop_closesTheServer_andTheNextListensOnTheSamePort() throws Exception {
    SseServer first = sluice.server();
    int port = sluice.port();

    sluice.stop();

    assertThrows(IOException.class, () -> connect(port), "nothing listens after stop()");
    sluice.start();
    assertEquals(port, sluice.port());
    assertNotSame(first, sluice.server());
    try (EventStream<Greeting> greetings = sluice.client().events("/greetings", Greeting.class)) {
      assertEquals(List.of(new Greeting("hello"), new Greeting("world")), greetings.toList());
    }
  }

  @Test
  void afterStop_theNextServerStartsWhenAskedFor() {
    int port = sluice.port();
    sluice.stop();
    sluice.stop(); // nothing running: nothing to do

    assertEquals(port, sluice.server().port());
  }

  @Test
  void settingsBetweenStopAndStart_applyToTheNextServer() throws Exception {
    sluice.start();
    sluice.stop();
    sluice.server(server -> server.handler("/extra", e -> e.getResponseSender().send("extra")));

    HttpResponse<String> extra =
        sluice
            .httpClient()
            .send(HttpRequest.newBuilder(sluice.uri("/extra")).build(), BodyHandlers.ofString());
    assertEquals("extra", extra.body());
  }

  private static void connect(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    }
  }
}
