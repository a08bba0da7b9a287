package com.example.clock;

import dev.sluice.SseBroadcaster;
import dev.sluice.SseServer;
import dev.sluice.client.EventStream;
import dev.sluice.client.SseClient;
import java.net.URI;
import java.util.concurrent.CountDownLatch;

/**
 * Serves the clock and its OpenAPI document on a free loopback port, publishes a tick every 20 ms,
 * reads one back with sluice-client from this module, and runs until it is stopped. Each step is a
 * line on stdout.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    System.out.println(
        "modules "
            + Main.class.getModule().getName()
            + " "
            + SseServer.class.getModule().getName()
            + " "
            + SseClient.class.getModule().getName());
    SseBroadcaster<Clock.Tick> ticks = SseBroadcaster.create();
    SseServer server =
        SseServer.builder().port(0).openApi("/openapi.json").register(new Clock(ticks)).start();
    Thread publisher =
        new Thread(
            () -> {
              try {
                for (long n = 0; ; n++) {
                  ticks.publish(new Clock.Tick(n));
                  Thread.sleep(20);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "publisher");
    publisher.setDaemon(true);
    publisher.start();
    System.out.println("listening " + server.port());

    SseClient client =
        SseClient.builder().baseUri(URI.create("http://127.0.0.1:" + server.port() + "/")).build();
    try (EventStream<Clock.Tick> stream = client.events("/ticks", Clock.Tick.class)) {
      System.out.println("read " + stream.next());
    }
    new CountDownLatch(1).await();
  }
}
