package dev.sluice.samples;

import dev.sluice.SseServer;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The demo: {@code java -jar samples/target/sluice-samples.jar [--port 8080] [--host 127.0.0.1]},
 * then open http://127.0.0.1:8080/ or {@code curl -N http://127.0.0.1:8080/events}.
 */
public final class DemoServer {
  private DemoServer() {}

  public static void main(String[] args) throws InterruptedException {
    int port = 8080;
    String host = "127.0.0.1";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
        case "--host" -> host = value(args, ++i, "--host");
        default -> {
          System.err.println("Usage: java -jar sluice-samples.jar [--port N] [--host ADDRESS]");
          System.exit(2);
        }
      }
    }
    SseServer server = start(host, port);
    System.out.printf("Sluice demo on http://%s:%d/ (try: curl -N http://%s:%d/events)%n",
        host, server.port(), host, server.port());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    Thread.currentThread().join();
  }

  /** Starts the demo's server; tests call this with port 0. */
  public static SseServer start(String host, int port) {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "demo-scheduler");
      t.setDaemon(true);
      return t;
    });
    ChatRooms chat = new ChatRooms();
    return SseServer.builder()
        .host(host)
        .port(port)
        .register(new DemoEndpoints(scheduler))
        .register(chat)
        .handler("/rooms/{room}/messages", chat.postHandler())
        .handler("/", page("index.html"))
        .handler("/chat", page("chat.html"))
        .start();
  }

  private static HttpHandler page(String resource) {
    ByteBuffer html;
    try (InputStream in = DemoServer.class.getResourceAsStream(resource)) {
      html = ByteBuffer.wrap(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return exchange -> {
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=UTF-8");
      exchange.getResponseSender().send(html.duplicate());
    };
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      System.err.println(flag + " needs a value");
      System.exit(2);
    }
    return args[i];
  }
}
