package dev.sluice.samples.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.SseStats.Refusal;
import dev.sluice.samples.production.SseLoadClient.Connection;
import dev.sluice.test.SluiceExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The limits on what a request may hold before it is a stream: its head, its time, its peers. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequestLimitsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension final SluiceExtension sluice = Servers.serving(new HardeningEndpoints());

  @Test
  void headOverTheLimit_isRefusedWith431AndOneUnderItIsServed() throws Exception {
    // maxHeaderSize: 16 KiB by default
    try (Socket socket = connect()) {
      send(
          socket,
          "GET /hardening/quiet HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n"
              + "X-Padding: "
              + "a".repeat(20 * 1024)
              + "\r\n\r\n");
      String refused = readAll(socket);
      assertTrue(refused.startsWith("HTTP/1.1 431 "), "a 20 KiB head: " + refused);
    }
    try (Socket socket = connect()) {
      // Far past the limit, Undertow stops reading: 400 and a close, which may come while we
      // are still sending, and then reset the connection before the 400 can be read.
      try {
        send(
            socket,
            "GET /hardening/quiet HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream"
                + "\r\nX-Padding: "
                + "a".repeat(512 * 1024)
                + "\r\n\r\n");
      } catch (IOException closedWhileSending) {
        // As expected, sooner or later.
      }
      String answer = readAll(socket);
      assertTrue(
          answer.isEmpty() || answer.startsWith("HTTP/1.1 400 "),
          "a 512 KiB head is refused, not streamed: " + answer.lines().findFirst().orElse(""));
    }
    try (Socket socket = connect()) {
      send(
          socket,
          "GET /hardening/quiet HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n"
              + "X-Padding: "
              + "a".repeat(14 * 1024)
              + "\r\n\r\n");
      assertTrue(readUntil(socket, "data: hello\n\n").startsWith("HTTP/1.1 200 "));
    }
    assertEquals(1L, sluice.stats().refused().get(Refusal.HEAD_TOO_LARGE), "" + sluice.stats());
  }

  @Test
  void trickledHeads_areClosedAtTheParseTimeoutWhileOthersAreServed() throws Exception {
    Duration parseTimeout = Duration.ofSeconds(1);
    SseLoadClient client =
        sluice
            .server(server -> server.requestParseTimeout(parseTimeout))
            .client(SseLoadClient.class);
    List<Socket> trickling = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Socket socket = connect();
      send(socket, "GET /hardening/quiet HTTP/1.1\r\n");
      trickling.add(socket);
    }
    long started = System.nanoTime();
    int lines = 0;
    int open = trickling.size();
    while (open > 0 && System.nanoTime() - started < WAIT.toNanos()) {
      Thread.sleep(200);
      open = 0;
      for (Socket socket : trickling) {
        if (!socket.isClosed()) {
          try {
            send(socket, "X-Line-" + lines + ": a\r\n"); // one header line at a time, never done
            open += isClosedByPeer(socket) ? 0 : 1;
          } catch (IOException closed) {
            socket.close();
          }
        }
      }
      lines++;
      if (lines == 2) { // while they trickle, a stream opens as usual
        Connection normal = client.request("/hardening/quiet").open();
        assertTrue(normal.awaitEvents(1, WAIT), normal.toString());
      }
    }
    long tookMillis = (System.nanoTime() - started) / 1_000_000;
    assertEquals(0, open, "trickling connections still open after " + tookMillis + " ms");
    assertTrue(tookMillis >= parseTimeout.toMillis(), "closed before the timeout: " + tookMillis);
    for (Socket socket : trickling) {
      socket.close();
    }
  }

  @Test
  void keptAliveConnection_isClosedAfterTheIdleTimeout() throws Exception {
    sluice.server(server -> server.idleTimeout(Duration.ofMillis(500))).start();
    try (Socket socket = connect()) {
      send(socket, "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n");
      long sent = System.nanoTime();
      String answer = readAll(socket); // a 404, then nothing until the server closes
      long closedAfterMillis = (System.nanoTime() - sent) / 1_000_000;
      assertTrue(answer.startsWith("HTTP/1.1 404 "), answer);
      assertTrue(closedAfterMillis >= 400, "closed after " + closedAfterMillis + " ms");
    }
    assertEquals(1L, sluice.stats().refused().get(Refusal.NOT_FOUND));
  }

  @Test
  void streamsPastThePerClientLimit_get429() throws Exception {
    SseLoadClient client =
        sluice.server(server -> server.maxStreamsPerClient(2)).client(SseLoadClient.class);
    List<Connection> two = client.request("/hardening/quiet").open(2);
    for (Connection c : two) {
      assertTrue(c.awaitEvents(1, WAIT), c.toString());
    }
    Connection third = client.request("/hardening/quiet").open();
    assertTrue(third.awaitEnd(WAIT), third.toString());
    assertEquals(429, third.status(), third.toString());
    assertEquals("5", third.header("Retry-After"));
    assertEquals(1L, sluice.stats().refused().get(Refusal.CLIENT_LIMIT));

    two.get(0).close(); // a place of its own comes back
    Probes.eventually(WAIT, () -> sluice.stats().openStreams() == 1, () -> "" + sluice.stats());
    Connection again = client.request("/hardening/quiet").open();
    assertTrue(again.awaitEvents(1, WAIT), again.toString());
  }

  @Test
  void h2cUpgradeOff_answersOverHttp11AndKeepsPriorKnowledge() throws Exception {
    String upgrade =
        "GET /hardening/quiet HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n"
            + "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
            + "HTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n";
    try (Socket socket = connect()) {
      send(socket, upgrade);
      assertTrue(readUntil(socket, "\r\n").startsWith("HTTP/1.1 101 "), "upgraded by default");
    }
    sluice.stop();
    sluice.server(server -> server.h2cUpgrade(false)).start();
    try (Socket socket = connect()) {
      send(socket, upgrade);
      assertTrue(readUntil(socket, "data: hello\n\n").startsWith("HTTP/1.1 200 "));
    }
    try (RawHttp2 h2 = RawHttp2.connect(sluice.port())) {
      int stream = h2.openStream("/hardening/quiet");
      assertTrue(h2.awaitOutcome(stream, WAIT), h2.toString());
      assertEquals(200, h2.status(stream), h2.toString());
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", sluice.port()), 5000);
    socket.setSoTimeout((int) WAIT.toMillis());
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  /** Everything until the server closes (or resets) the connection. */
  private static String readAll(Socket socket) throws IOException {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        seen.write(buffer, 0, n);
      }
    } catch (IOException reset) {
      // A reset after the answer: what was read stands.
    }
    return seen.toString(StandardCharsets.ISO_8859_1);
  }

  private static String readUntil(Socket socket, String end) throws IOException {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    for (int b; (b = in.read()) >= 0; ) {
      seen.write(b);
      if (seen.toString(StandardCharsets.ISO_8859_1).endsWith(end)) {
        break;
      }
    }
    return seen.toString(StandardCharsets.ISO_8859_1);
  }

  /** Whether the server closed the connection: a read that ends at once, not one that waits. */
  private static boolean isClosedByPeer(Socket socket) throws IOException {
    socket.setSoTimeout(1);
    try {
      return socket.getInputStream().read() < 0;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    } finally {
      socket.setSoTimeout((int) WAIT.toMillis());
    }
  }
}
