package dev.sluice.bench.attack;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.SseServer;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The server under attack, run in its own JVM by {@link AttackBenchmark} so that its CPU time and
 * its log are its own: {@link AttackEndpoints} and {@code GET /stats} (its {@code SseStats} as
 * JSON) on 127.0.0.1, with the library's defaults except for what the flags set: {@code --port N},
 * {@code --max-streams N}, {@code --max-stream-threads N}, {@code --heartbeat PT15S}, {@code
 * --stall-timeout PT30S}, {@code --parse-timeout PT10S}. Prints {@code READY <port>}, then serves
 * until killed.
 */
public final class AttackServerMain {
  private AttackServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    // One line per log record (the JDK's default takes two), so that lines counted are records.
    System.setProperty(
        "java.util.logging.SimpleFormatter.format", "%1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
    AtomicReference<SseServer> started = new AtomicReference<>();
    SseServer.Builder builder =
        SseServer.builder()
            .host("127.0.0.1")
            .port(0)
            .register(new AttackEndpoints())
            .handler("/stats", stats(started));
    for (int i = 0; i + 1 < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--port" -> builder.port(Integer.parseInt(value));
        case "--max-streams" -> builder.maxStreams(Integer.parseInt(value));
        case "--max-stream-threads" -> builder.maxStreamThreads(Integer.parseInt(value));
        case "--heartbeat" -> builder.heartbeat(Duration.parse(value));
        case "--stall-timeout" -> builder.stallTimeout(Duration.parse(value));
        case "--parse-timeout" -> builder.requestParseTimeout(Duration.parse(value));
        default -> throw new IllegalArgumentException("Unknown flag " + args[i]);
      }
    }
    SseServer server = builder.start();
    started.set(server);
    System.out.println("READY " + server.port());
    System.out.flush();
    new CountDownLatch(1).await(); // until the runner kills this process
  }

  /** {@code GET /stats}: the server's {@code SseStats}, as Jackson writes the record. */
  private static HttpHandler stats(AtomicReference<SseServer> server) {
    ObjectMapper mapper = new ObjectMapper();
    return exchange -> {
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
      exchange.getResponseSender().send(mapper.writeValueAsString(server.get().stats()));
    };
  }
}
