package dev.sluice.bench.attack;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A new HTTP/1.1 client asking for a stream, as a browser would during an attack: how long it waits
 * for the response head, and what status it gets. The stream is closed at once after.
 */
final class Probe {
  private static final int TIMEOUT_MS = 10_000;
  private static final int MAX_HEAD = 16 * 1024;

  /** What one request got: its status (-1 if no head came) and the time to the head. */
  record Result(int status, long nanos) {
    double millis() {
      return nanos / 1e6;
    }
  }

  private Probe() {}

  /** {@code GET path}, timed from the connect to the end of the response head (10 s at most). */
  static Result get(int port, String path) {
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
      socket.setSoTimeout(TIMEOUT_MS);
      socket
          .getOutputStream()
          .write(
              ("GET "
                      + path
                      + " HTTP/1.1\r\nHost: 127.0.0.1:"
                      + port
                      + "\r\nAccept: text/event-stream\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      String head = readHead(new BufferedInputStream(socket.getInputStream()));
      long nanos = System.nanoTime() - start;
      String[] statusLine = head.split(" ", 3);
      return new Result(statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : -1, nanos);
    } catch (IOException | NumberFormatException e) {
      return new Result(-1, System.nanoTime() - start);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (head.length() < MAX_HEAD) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
      if (b == '\n' && head.length() >= 4 && head.charAt(head.length() - 3) == '\n') {
        break;
      }
    }
    return head.toString();
  }
}
