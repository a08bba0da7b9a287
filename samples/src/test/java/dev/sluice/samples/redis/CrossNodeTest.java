package dev.sluice.samples.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.PublishException;
import dev.sluice.SseBroadcaster;
import dev.sluice.client.MessageEvent;
import dev.sluice.client.SseClient;
import dev.sluice.redis.RedisServer;
import dev.sluice.redis.RedisStreamJournal;
import dev.sluice.test.SluiceExtension;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three Sluice nodes (an {@code SseServer} each, in this JVM) on one real {@code redis-server},
 * read over HTTP with {@code sluice-client}: one broadcast in one order on every node, clients that
 * move between nodes, a node that stops, and Redis restarting under the streams.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CrossNodeTest {
  private static RedisServer redis;
  private static RedisClient client;

  private final String key = "sluice-cross-node:" + UUID.randomUUID();

  @RegisterExtension final SluiceExtension server0 = server();
  @RegisterExtension final SluiceExtension server1 = server();
  @RegisterExtension final SluiceExtension server2 = server();

  private final List<SluiceExtension> servers = List.of(server0, server1, server2);
  private final List<Node> nodes = new ArrayList<>();
  private final ExecutorService reconnects = Executors.newFixedThreadPool(2);

  /** One node: a broadcaster on the shared stream, served by its own server. */
  private record Node(SseBroadcaster<String> feed, SluiceExtension server, AtomicBoolean stopped) {
    /**
     * Closes the server, and the feed after it. The server only: stop() would have the extension
     * start it again when a client asks for it, and a stopped node stays gone.
     */
    void stop() {
      if (stopped.compareAndSet(false, true)) {
        server.server().close();
        feed.close();
      }
    }
  }

  /** A node's server, started by startNodes(..) with the node's feed. */
  private static SluiceExtension server() {
    return SluiceExtension.serving()
        .server(
            server ->
                server.heartbeat(Duration.ofMillis(200)).shutdownTimeout(Duration.ofSeconds(2)))
        .http(
            http ->
                http.version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)));
  }

  @BeforeAll
  static void startRedis() {
    // Persistent, so that a restart keeps every entry it acknowledged.
    redis = RedisServer.start(true);
    client = RedisClient.create(redis.uri());
    client.setOptions(ClientOptions.builder().autoReconnect(false).build());
  }

  @AfterAll
  static void stopRedis() {
    client.shutdown();
    redis.close();
  }

  @AfterEach
  void stopNodes() {
    reconnects.shutdownNow();
    nodes.forEach(Node::stop);
  }

  @Test
  void threeNodes_300Subscribers_everyEventOnceInOneOrder_andHopsResumeWithoutAGap()
      throws Exception {
    startNodes(3);
    List<Reader> readers = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      // Every third moves to another node after some events, with its last id.
      int hopAfter = i % 3 == 0 ? ThreadLocalRandom.current().nextInt(5, 150) : -1;
      readers.add(new Reader(this::client, 3, i % 3, hopAfter, reconnects));
    }
    connectAll(readers, 100);

    List<String> acknowledged = publishFromEveryNode(150, null);

    List<String> order = sorted(acknowledged);
    for (Reader reader : readers) {
      awaitLast(reader, order.get(order.size() - 1));
      assertSameIds(order, reader.ids, "every event once, in one order, hops included");
      assertEquals(0, reader.failovers.get(), "no stream ended: " + reader.lastEnd);
    }
    assertEquals(
        400, readers.stream().mapToInt(r -> r.connections.get()).sum(), "300 streams and 100 hops");
  }

  @Test
  void nodeStoppedMidPublish_losesNothingForTheOthers_andItsClientsResumeElsewhere()
      throws Exception {
    startNodes(3);
    List<Reader> readers = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      readers.add(new Reader(this::client, 3, i % 3, -1, reconnects));
    }
    connectAll(readers, 30);

    List<String> acknowledged =
        publishFromEveryNode(
            150,
            published -> {
              if (published == 150) {
                nodes.get(2).stop(); // its publisher fails from then on; its readers move
              }
            });

    List<String> order = sorted(acknowledged);
    String last = order.get(order.size() - 1);
    awaitLast(readers.get(0), last);
    // An append cut off by the stop may have reached Redis unacknowledged: it is in the order.
    List<String> seen = List.copyOf(readers.get(0).ids);
    assertTrue(seen.containsAll(order), "every acknowledged event");
    assertTrue(seen.size() <= order.size() + 1, "besides at most the one cut off");
    for (int i = 0; i < readers.size(); i++) {
      Reader reader = readers.get(i);
      awaitLast(reader, last);
      assertSameIds(seen, reader.ids, "reader " + i + ": one order, each event once");
      assertEquals(i % 3 == 2 ? 1 : 0, reader.failovers.get(), "reader " + i);
    }
  }

  @Test
  void redisRestartedMidStream_streamsStayOpen_andMissNothingRedisKept() throws Exception {
    startNodes(3);
    List<Reader> readers = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      readers.add(new Reader(this::client, 3, i % 3, -1, reconnects));
    }
    connectAll(readers, 20);

    List<String> acknowledged =
        publishFromEveryNode(
            120,
            published -> {
              if (published == 120) {
                redis.kill();
                long heartbeats = heartbeats();
                // Away long enough for the streams to beat: they stay open meanwhile.
                await(() -> heartbeats() > heartbeats + 3, "heartbeats while Redis is away");
                redis.restart();
              }
            });

    List<String> order = sorted(acknowledged);
    for (Reader reader : readers) {
      awaitLast(reader, order.get(order.size() - 1));
      // What Redis took and lost in the kill may also arrive; nothing it acknowledged is missed.
      assertTrue(reader.ids.containsAll(order), "every acknowledged event arrived");
      assertSameIds(sorted(reader.ids), reader.ids, "in one order");
      assertEquals(reader.ids.size(), reader.ids.stream().distinct().count(), "once each");
      assertEquals(1, reader.connections.get(), "the stream stayed open");
      assertTrue(reader.types.stream().allMatch("message"::equals), "no history-lost");
    }
    for (Node node : nodes) {
      assertTrue(node.feed().stats().journal().reconnects() >= 1);
      assertEquals(0, node.feed().stats().journal().gaps());
    }
  }

  @Test
  void idRedisDoesNotHold_getsHistoryLostFirst_thenLive() throws Exception {
    startNodes(1);
    String newest = nodes.get(0).feed().publish("a").id();
    await(() -> newest.equals(nodes.get(0).feed().stats().newestId()), "followed");
    try (var events = client(0).request("/feed").lastEventId("1-1").reconnect(false).messages()) {
      MessageEvent<String> notice = events.next();
      assertEquals(SseBroadcaster.HISTORY_LOST_EVENT, notice.type());
      assertEquals("\"1-1\"", notice.data());
      assertEquals(newest, notice.lastEventId());
      String live = nodes.get(0).feed().publish("b").id();
      assertEquals(live, events.next().lastEventId());
    }
  }

  // ---------------------------------------------------------------------------------------
  // Helpers

  private void startNodes(int count) throws InterruptedException {
    for (int i = 0; i < count; i++) {
      SseBroadcaster<String> feed =
          SseBroadcaster.<String>builder()
              .history(5_000, Duration.ofMinutes(10))
              .journal(
                  RedisStreamJournal.builder(client, key, String.class)
                      .reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(500))
                      .build())
              .build();
      SluiceExtension server = servers.get(i).server(s -> s.register(new FeedEndpoints(feed)));
      server.start();
      nodes.add(new Node(feed, server, new AtomicBoolean()));
      await(() -> feed.stats().journal().connected(), "node " + i + " follows the stream");
    }
  }

  /** The client of a node: the one its server was started with, also once the node stopped. */
  private SseClient client(int node) {
    return servers.get(node).client();
  }

  private void connectAll(List<Reader> readers, int perNode) throws InterruptedException {
    readers.forEach(Reader::connect);
    for (Node node : nodes) {
      await(() -> node.feed().subscriberCount() == perNode, perNode + " subscribers a node");
    }
  }

  /** Something to do after each publish, given how many the publishers have done. */
  private interface Step {
    void after(int published) throws Exception;
  }

  /**
   * Publishes {@code perNode} events from each node, at a steady pace, from one thread each; a
   * publish that fails is retried while Redis is away, and a stopped node stops publishing. Returns
   * the ids Redis acknowledged.
   */
  private List<String> publishFromEveryNode(int perNode, Step step) throws Exception {
    List<String> acknowledged = new CopyOnWriteArrayList<>();
    AtomicInteger published = new AtomicInteger();
    AtomicBoolean stepping = new AtomicBoolean();
    ExecutorService publishers = Executors.newFixedThreadPool(nodes.size());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int n = 0; n < nodes.size(); n++) {
        Node node = nodes.get(n);
        String name = "n" + n;
        done.add(
            publishers.submit(
                () -> {
                  for (int i = 0; i < perNode; ) {
                    String id;
                    try {
                      id = node.feed().publish(name + "-" + i).id();
                    } catch (PublishException e) {
                      if (node.stopped().get()) {
                        return null;
                      }
                      Thread.sleep(20); // Redis is away: try again shortly
                      continue;
                    }
                    acknowledged.add(id);
                    i++;
                    int total = published.incrementAndGet();
                    if (step != null && stepping.compareAndSet(false, true)) {
                      try {
                        step.after(total);
                      } finally {
                        stepping.set(false);
                      }
                    }
                    Thread.sleep(3);
                  }
                  return null;
                }));
      }
      for (Future<?> publisher : done) {
        publisher.get(90, TimeUnit.SECONDS);
      }
    } finally {
      publishers.shutdownNow();
    }
    return acknowledged;
  }

  private long heartbeats() {
    return nodes.stream().mapToLong(node -> node.server().stats().heartbeats()).sum();
  }

  /** The same ids in the same order; says where they first differ, not the whole lists. */
  private static void assertSameIds(List<String> expected, List<String> actual, String what) {
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        throw new AssertionError(
            what
                + ": at index "
                + i
                + " expected "
                + expected.get(i)
                + ", got "
                + actual.get(i)
                + " ("
                + actual.size()
                + " ids, "
                + expected.size()
                + " expected)");
      }
    }
    assertEquals(expected.size(), actual.size(), what + ": how many");
  }

  /** Redis's order: milliseconds, then sequence. */
  private static List<String> sorted(List<String> ids) {
    return ids.stream()
        .sorted(
            Comparator.comparingLong(
                    (String id) -> Long.parseLong(id.substring(0, id.indexOf('-'))))
                .thenComparingLong(id -> Long.parseLong(id.substring(id.indexOf('-') + 1))))
        .collect(Collectors.toList());
  }

  private static void awaitLast(Reader reader, String last) throws InterruptedException {
    await(
        () -> last.equals(reader.last()) || reader.ids.size() > 10_000,
        "the last event; got " + reader.ids.size() + ", last " + reader.last());
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "waited 30 s for " + what);
      Thread.sleep(10);
    }
  }
}
