package dev.sluice.samples;

import dev.sluice.SseHandler;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Sluice's routes mounted in a plain Undertow server of the application's own, next to its other
 * routes: {@code java -cp samples/target/sluice-samples.jar dev.sluice.samples.MountedServer
 * [--port 8080]}, then {@code curl http://127.0.0.1:8080/hello} and {@code curl -N
 * http://127.0.0.1:8080/sse/events}.
 */
public final class MountedServer implements AutoCloseable {
  private final Undertow undertow;
  private final SseHandler sse;

  private MountedServer(Undertow undertow, SseHandler sse) {
    this.undertow = undertow;
    this.sse = sse;
  }

  public static void main(String[] args) throws InterruptedException {
    int port = args.length == 2 && args[0].equals("--port") ? Integer.parseInt(args[1]) : 8080;
    MountedServer server = start(port);
    System.out.printf(
        "Undertow on http://127.0.0.1:%d/hello, Sluice under /sse"
            + " (try: curl -N http://127.0.0.1:%d/sse/events)%n",
        server.port(), server.port());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    Thread.currentThread().join();
  }

  /** Starts the server on 127.0.0.1; tests call this with port 0. */
  public static MountedServer start(int port) {
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mounted-scheduler");
              t.setDaemon(true);
              return t;
            });
    HttpHandler hello =
        exchange -> {
          exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=UTF-8");
          exchange.getResponseSender().send("Hello from plain Undertow\n");
        };
    // The three lines that mount Sluice: build the handler, give it a prefix, serve.
    SseHandler sse = SseHandler.builder().register(new DemoEndpoints(scheduler)).build();
    HttpHandler routes = Handlers.path().addExactPath("/hello", hello).addPrefixPath("/sse", sse);
    Undertow undertow =
        Undertow.builder().addHttpListener(port, "127.0.0.1").setHandler(routes).build();
    undertow.start();
    return new MountedServer(undertow, sse);
  }

  public int port() {
    return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  /** The event streams first, so that each gets its end before the server closes connections. */
  @Override
  public void close() {
    sse.close();
    undertow.stop();
  }
}
