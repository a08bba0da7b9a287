package dev.sluice.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.client.SseClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Clients of the test's own kind: made for the running server, closed before it. */
class OwnClientTest {
  /** A client that notes, as it closes, whether its server still listened. */
  static final class Probe implements AutoCloseable {
    final URI baseUri;
    boolean closed;
    boolean serverListenedAtClose;

    Probe(URI baseUri) {
      this.baseUri = baseUri;
    }

    @Override
    public void close() {
      closed = true;
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(baseUri.getHost(), baseUri.getPort()), 5_000);
        serverListenedAtClose = true;
      } catch (IOException e) {
        serverListenedAtClose = false;
      }
    }
  }

  @RegisterExtension
  final SluiceExtension sluice =
      SluiceExtension.serving(new GreetingEndpoints()).client(Probe.class, Probe::new);

  @Test
  void factory_getsTheBaseUri_andOneClientServesTheServer(Probe injected) {
    assertEquals(sluice.baseUri(), injected.baseUri);
    assertSame(injected, sluice.client(Probe.class));
  }

  @Test
  void stop_closesTheClientBeforeTheServer_andTheNextServerGetsANewOne() {
    Probe first = sluice.client(Probe.class);

    sluice.stop();

    assertTrue(first.closed);
    assertTrue(first.serverListenedAtClose, "closed while its server still listened");
    Probe second = sluice.client(Probe.class);
    assertNotSame(first, second);
    assertFalse(second.closed);
  }

  @Test
  void typesWithoutAFactory_andTheExtensionsOwn_areRefused() {
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> sluice.client(String.class));
    assertTrue(
        unknown.getMessage().contains("client(String.class, baseUri -> ..)"), unknown.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> SluiceExtension.serving().client(SseClient.class, uri -> null));
    assertThrows(
        IllegalArgumentException.class, () -> sluice.client(Probe.class, Probe::new), "twice");
  }
}
