package dev.sluice.bench.load;

import dev.sluice.SseBroadcaster;
import dev.sluice.SseServer;
import dev.sluice.redis.RedisStreamJournal;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A node of {@link CrossNodeBenchmark}, in a JVM of its own: {@code java -cp sluice-benchmarks.jar
 * dev.sluice.bench.load.RedisNodeMain --port N [--redis URI --key KEY]}. With {@code --redis}, its
 * broadcaster is on that Redis stream, shared with the other nodes; without, in memory, for the
 * single-node figure. Prints {@code READY <port>}, then serves until killed; {@code /publish}
 * publishes as in the load benchmark.
 */
public final class RedisNodeMain {
  private RedisNodeMain() {}

  public static void main(String[] args) throws InterruptedException {
    String redis = value(args, "--redis");
    SseBroadcaster.Builder<String> builder =
        SseBroadcaster.<String>builder().history(1024, Duration.ofMinutes(10));
    if (redis != null) {
      builder.journal(
          RedisStreamJournal.builder(RedisURI.create(redis), value(args, "--key"), String.class)
              .build());
    }
    SseBroadcaster<String> broadcaster = builder.build();
    Control control = new Control();
    SseServer server =
        SseServer.builder()
            .host("127.0.0.1")
            .port(ServerArgs.port(args))
            .register(new RedisNodeEndpoints(broadcaster))
            .handler("/publish", control.publish(seq -> broadcaster.publish(Payloads.fanout(seq))))
            .handler("/stats", Control.stats(() -> broadcaster.subscriberCount() + " 0"))
            .start();
    System.out.println("READY " + server.port());
    System.out.flush();
    new CountDownLatch(1).await(); // until the runner kills this process
  }

  private static String value(String[] args, String flag) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(flag)) {
        return args[i + 1];
      }
    }
    return null;
  }
}
