package dev.sluice.bench.load;

import dev.sluice.SseServer;
import java.util.concurrent.CountDownLatch;

/**
 * The Sluice side of the load benchmark, run in its own JVM by {@link LoadBenchmark}: {@code java
 * -cp sluice-benchmarks.jar dev.sluice.bench.load.SluiceServerMain --port N [--http2]} (0 picks a
 * port). Prints {@code READY <port>} once listening on 127.0.0.1, then serves until killed.
 */
public final class SluiceServerMain {
  private SluiceServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    SluiceEndpoints endpoints = new SluiceEndpoints();
    Control control = new Control();
    SseServer server =
        SseServer.builder()
            .host("127.0.0.1")
            .port(ServerArgs.port(args))
            // Off unless asked for, as on the baseline: like for like.
            .http2(ServerArgs.http2(args))
            .register(endpoints)
            .handler(
                "/publish",
                control.publish(seq -> endpoints.broadcaster.publish(Payloads.fanout(seq))))
            .handler(
                "/publish-json",
                control.publish(seq -> endpoints.quotes.publish(Payloads.quote(seq))))
            .handler("/heap", Control.heap())
            .handler(
                "/stats",
                Control.stats(
                    () ->
                        (endpoints.broadcaster.subscriberCount()
                                + endpoints.quotes.subscriberCount())
                            + " 0"))
            .start();
    System.out.println("READY " + server.port());
    System.out.flush();
    new CountDownLatch(1).await(); // until the runner kills this process
  }
}
