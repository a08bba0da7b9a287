package dev.sluice.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.BroadcastStats;
import dev.sluice.PublishException;
import dev.sluice.SlowClientPolicy;
import dev.sluice.SseBroadcaster;
import dev.sluice.SseEvent;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Broadcasters on one Redis stream, as the broadcasters of several nodes would be, against a real
 * {@code redis-server} (no stand-in): each test uses a stream key of its own.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisBroadcasterTest {
  private static RedisServer redis;
  private static RedisClient client;

  private final String key = "sluice-test:" + UUID.randomUUID();
  private final List<AutoCloseable> opened = new ArrayList<>();

  record Message(String author, String text) {}

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.start(false);
    client = RedisClient.create(redis.uri());
  }

  @AfterAll
  static void stopRedis() {
    client.shutdown();
    redis.close();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  @Test
  void publish_storesTheEventsFieldsAndJsonData_readableByAnyRedisClient() throws Exception {
    SseBroadcaster<Message> node =
        node(client, Message.class, 100, SlowClientPolicy.latestPerKey(Message::author));
    SseEvent<Message> published =
        node.publish(
            SseEvent.builder()
                .data(new Message("ada", "hello"))
                .event("said")
                .retry(Duration.ofSeconds(5))
                .comment("first")
                .build());

    StatefulRedisConnection<String, String> raw = client.connect();
    opened.add(raw);
    List<StreamMessage<String, String>> entries = raw.sync().xrange(key, Range.unbounded());
    assertEquals(1, entries.size());
    assertEquals(published.id(), entries.get(0).getId(), "the SSE id is the entry id");
    assertEquals(
        Map.of(
            "data",
            "{\"author\":\"ada\",\"text\":\"hello\"}",
            "event",
            "said",
            "retry",
            "5000",
            "comment",
            "first",
            "key",
            "ada"),
        entries.get(0).getBody());

    // What another program writes is an event like any other.
    raw.sync().xadd(key, Map.of("data", "{\"author\":\"bob\",\"text\":\"hi\"}"));
    Collector<Message> reader = subscribe(node, published.id());
    reader.awaitCount(1);
    assertEquals(List.of(new Message("bob", "hi")), reader.data());
    BroadcastStats.Journal journal = node.stats().journal();
    assertEquals(new BroadcastStats.Journal(true, 0, journal.lagMillis(), 0, 0, 0), journal);
    assertTrue(journal.lagMillis() >= 0, journal.toString());
  }

  @Test
  void entryThatIsNoEventOfTheBroadcast_isSkippedAndCounted_andFollowingGoesOn() throws Exception {
    SseBroadcaster<Message> node = node(client, Message.class, 100, null);
    Collector<Message> reader = subscribe(node, null);
    StatefulRedisConnection<String, String> raw = client.connect();
    opened.add(raw);
    raw.sync().xadd(key, Map.of("data", "{not json"));
    raw.sync().xadd(key, Map.of("event", "line\nbreak"));
    node.publish(new Message("eve", "still here"));

    reader.awaitCount(1);
    assertEquals(List.of(new Message("eve", "still here")), reader.data());
    assertEquals(2, node.stats().journal().unreadableEntries());
  }

  @Test
  void publishedOnAnyNode_reachesEveryNode_withRedisIds_inOneOrder() throws Exception {
    List<SseBroadcaster<String>> nodes = List.of(node(100), node(100), node(100));
    List<Collector<String>> readers = new ArrayList<>();
    for (SseBroadcaster<String> node : nodes) {
      readers.add(subscribe(node, null));
    }
    int perNode = 40;
    List<String> acknowledged = new CopyOnWriteArrayList<>();
    ExecutorService publishers = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int n = 0; n < nodes.size(); n++) {
        SseBroadcaster<String> node = nodes.get(n);
        String name = "n" + n;
        done.add(
            publishers.submit(
                () -> {
                  for (int i = 0; i < perNode; i++) {
                    acknowledged.add(node.publish(name + "-" + i).id());
                  }
                  return null;
                }));
      }
      for (Future<?> publisher : done) {
        publisher.get(30, TimeUnit.SECONDS);
      }
    } finally {
      publishers.shutdownNow();
    }
    List<String> order = readers.get(0).awaitCount(3 * perNode).ids();
    assertIncreasing(order);
    assertEquals(new HashSet<>(acknowledged), new HashSet<>(order));
    for (Collector<String> reader : readers) {
      reader.awaitCount(3 * perNode);
      assertEquals(order, reader.ids(), "one order on every node");
      assertNull(reader.error);
    }
  }

  @Test
  void history_trimsTheStreamApproximately() throws Exception {
    SseBroadcaster<String> node = node(50);
    for (int i = 0; i < 1_000; i++) {
      node.publish("e-" + i);
    }
    StatefulRedisConnection<String, String> raw = client.connect();
    opened.add(raw);
    long length = raw.sync().xlen(key);
    // MAXLEN ~ 50 keeps at least 50, and drops only whole nodes of 100 entries.
    assertTrue(length >= 50 && length <= 250, "XLEN " + length);
  }

  @Test
  void nodeStartedLate_beginsWithTheRecentEntries_andReplaysOlderOnesFromRedis() throws Exception {
    SseBroadcaster<String> first = node(1_000);
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 300; i++) {
      ids.add(first.publish("e-" + i).id());
    }
    SseBroadcaster<String> fresh = node(16); // started after the events
    assertEquals(16, fresh.stats().retainedEvents(), "as many as its history keeps");
    assertEquals(ids.get(299), fresh.stats().newestId());
    Collector<String> fromOld = subscribe(fresh, ids.get(9)); // read from Redis
    Collector<String> fromNewest = subscribe(fresh, ids.get(298));
    fromOld.awaitCount(290);
    fromNewest.awaitCount(1);
    String live = first.publish("e-301").id();

    fromOld.awaitCount(291);
    assertEquals(ids.subList(10, 300), fromOld.ids().subList(0, 290));
    assertEquals(live, fromOld.ids().get(290));
    fromNewest.awaitCount(2);
    assertEquals(List.of(ids.get(299), live), fromNewest.ids());
    assertEquals(2, fresh.stats().subscribers());
  }

  @Test
  void nodeStartedLate_leavesOutEntriesOlderThanItsHistoryKeeps() throws Exception {
    SseBroadcaster<String> first = node(100);
    String newest = null;
    for (int i = 0; i < 5; i++) {
      newest = first.publish("e-" + i).id();
    }
    long aged = RedisStreamIds.millis(newest) + 300;
    while (System.currentTimeMillis() <= aged) {
      Thread.sleep(20); // Redis's clock is this machine's
    }
    SseBroadcaster<String> late =
        SseBroadcaster.<String>builder()
            .history(100, Duration.ofMillis(200))
            .slowClients(SlowClientPolicy.disconnect(100, Duration.ofSeconds(10)))
            .journal(RedisStreamJournal.builder(client, key, String.class).build())
            .build();
    opened.add(late);

    assertEquals(0, late.stats().retainedEvents());
    Collector<String> resumed = subscribe(late, newest);
    String live = first.publish("fresh").id();
    resumed.awaitCount(1);
    assertEquals(List.of(live), resumed.ids(), "the newest id resumes: nothing was lost");
  }

  @Test
  void idRedisDoesNotHold_getsHistoryLostFirst_thenLive() throws Exception {
    SseBroadcaster<String> node = node(100);
    String firstId = node.publish("a").id();
    String newest = node.publish("b").id();
    String between = RedisStreamIds.millis(firstId) + "-999999";
    eventually(() -> newest.equals(node.stats().newestId())); // the notice carries it
    for (String unknown : List.of("1-1", between, "not-an-id", "")) {
      Collector<String> reader = subscribe(node, unknown);
      reader.awaitCount(1);
      SseEvent<String> notice = reader.events.get(0);
      assertEquals(SseBroadcaster.HISTORY_LOST_EVENT, notice.event(), unknown);
      assertEquals(unknown, notice.data());
      assertEquals(newest, notice.id(), "resumes after the newest event");
    }
  }

  @Test
  void publish_failsFastWhileRedisIsAway_andWorksOnceItIsBack() throws Exception {
    try (RedisServer own = RedisServer.start(false)) {
      RedisClient ownClient = reconnectingByItself(true, own);
      SseBroadcaster<String> node = node(ownClient, String.class, 100, null);
      Collector<String> reader = subscribe(node, null);
      node.publish("before");
      reader.awaitCount(1);

      own.kill();
      assertThrows(
          PublishException.class,
          () -> {
            for (int i = 0; i < 100; i++) { // the first may still be written to a dying socket
              node.publish("while away");
              Thread.sleep(20);
            }
          });
      eventually(() -> !node.stats().journal().connected());
      assertThrows(PublishException.class, () -> node.publish("while away, known"));

      own.restart();
      String after = publishRetrying(node, "after");
      reader.await(got -> got.stream().anyMatch(e -> after.equals(e.id())));
      assertEquals("after", reader.events.get(reader.events.size() - 1).data());
      BroadcastStats.Journal journal = node.stats().journal();
      assertTrue(journal.connected());
      assertTrue(journal.reconnects() >= 1, journal.toString());
      assertTrue(journal.appendFailures() >= 2, journal.toString());
    }
  }

  @Test
  void redisRestartedWithItsData_followersResume_andMissNothingItAcknowledged() throws Exception {
    try (RedisServer own = RedisServer.start(true)) {
      RedisClient ownClient = reconnectingByItself(false, own);
      // One node on a client of the journal's own making, as from a URI.
      List<SseBroadcaster<String>> nodes =
          List.of(
              node(ownClient, String.class, 1_000, null),
              node(
                  RedisStreamJournal.builder(RedisURI.create(own.uri()), key, String.class)
                      .reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(200))
                      .build(),
                  1_000));
      List<Collector<String>> readers =
          List.of(subscribe(nodes.get(0), null), subscribe(nodes.get(1), null));
      List<String> acknowledged = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        if (i == 60) {
          own.kill(); // mid-stream, as a crash; the append-only file has every answered XADD
        } else if (i == 80) {
          own.restart();
        }
        String id = publishOrNull(nodes.get(i % 2), "e-" + i);
        if (id != null) {
          acknowledged.add(id);
        }
        Thread.sleep(5);
      }
      String last = publishRetrying(nodes.get(0), "last");
      acknowledged.add(last);
      for (Collector<String> reader : readers) {
        reader.await(got -> !got.isEmpty() && last.equals(got.get(got.size() - 1).id()));
        List<String> ids = reader.ids();
        assertIncreasing(ids); // no duplicate, one order
        assertTrue(ids.containsAll(acknowledged), "every acknowledged event arrived");
        assertTrue(
            reader.events.stream()
                .noneMatch(e -> SseBroadcaster.HISTORY_LOST_EVENT.equals(e.event())));
        assertNull(reader.error);
      }
      assertEquals(readers.get(0).ids(), readers.get(1).ids());
      for (SseBroadcaster<String> node : nodes) {
        assertEquals(0, node.stats().journal().gaps());
        assertTrue(node.stats().journal().reconnects() >= 1);
      }
    }
  }

  @Test
  void redisRestartedWithoutItsData_subscribersAreToldTheirHistoryWasLost() throws Exception {
    try (RedisServer own = RedisServer.start(false)) {
      RedisClient ownClient = reconnectingByItself(false, own);
      SseBroadcaster<String> node = node(ownClient, String.class, 100, null);
      Collector<String> reader = subscribe(node, null);
      String lastBefore = null;
      for (int i = 0; i < 5; i++) {
        lastBefore = node.publish("e-" + i).id();
      }
      reader.awaitCount(5);
      own.kill();
      own.restart(); // empty: the stream is new
      String after = publishRetrying(node, "after");

      reader.awaitCount(7);
      SseEvent<String> notice = reader.events.get(5);
      assertEquals(SseBroadcaster.HISTORY_LOST_EVENT, notice.event());
      assertEquals(lastBefore, notice.data());
      assertEquals(lastBefore, notice.id());
      assertEquals(after, reader.events.get(6).id());
      assertEquals(1, node.stats().journal().gaps());

      // An id from before the restart, on a node that never had it: Redis does not know it.
      SseBroadcaster<String> fresh = node(ownClient, String.class, 100, null);
      Collector<String> resumed = subscribe(fresh, lastBefore);
      resumed.awaitCount(1);
      assertEquals(SseBroadcaster.HISTORY_LOST_EVENT, resumed.events.get(0).event());
    }
  }

  // ---------------------------------------------------------------------------------------
  // Helpers

  /** A client as the journal's javadoc asks for (or not, to see that works too). */
  private RedisClient reconnectingByItself(boolean autoReconnect, RedisServer server) {
    RedisClient created = RedisClient.create(server.uri());
    created.setOptions(ClientOptions.builder().autoReconnect(autoReconnect).build());
    opened.add(created::shutdown);
    return created;
  }

  private SseBroadcaster<String> node(int history) throws InterruptedException {
    return node(client, String.class, history, null);
  }

  /** A broadcaster on this test's key, as one node would have, once it follows the stream. */
  private <T> SseBroadcaster<T> node(
      RedisClient redisClient, Class<T> type, int history, SlowClientPolicy<? super T> policy)
      throws InterruptedException {
    SseBroadcaster<T> node =
        SseBroadcaster.<T>builder()
            .history(history, Duration.ofMinutes(10))
            .slowClients(
                policy != null
                    ? policy
                    : SlowClientPolicy.disconnect(Math.min(history, 512), Duration.ofSeconds(10)))
            .journal(
                RedisStreamJournal.builder(redisClient, key, type)
                    .reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(200))
                    .timeout(Duration.ofSeconds(1))
                    .build())
            .build();
    opened.add(node);
    eventually(() -> node.stats().journal().connected());
    return node;
  }

  private <T> SseBroadcaster<T> node(RedisStreamJournal<T> journal, int history)
      throws InterruptedException {
    SseBroadcaster<T> node =
        SseBroadcaster.<T>builder()
            .history(history, Duration.ofMinutes(10))
            .journal(journal)
            .build();
    opened.add(node);
    eventually(() -> node.stats().journal().connected());
    return node;
  }

  private static <T> Collector<T> subscribe(SseBroadcaster<T> node, String lastEventId) {
    Collector<T> collector = new Collector<>();
    node.subscribe(lastEventId).subscribe(collector);
    return collector;
  }

  /** Publishes, retrying for at most 20 s while Redis comes back. */
  private static String publishRetrying(SseBroadcaster<String> node, String data)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      String id = publishOrNull(node, data);
      if (id != null) {
        return id;
      }
      assertTrue(System.nanoTime() < deadline, "Redis did not come back within 20 s");
      Thread.sleep(20);
    }
  }

  private static String publishOrNull(SseBroadcaster<String> node, String data) {
    try {
      return node.publish(data).id();
    } catch (PublishException e) {
      return null;
    }
  }

  private static void assertIncreasing(List<String> ids) {
    for (int i = 1; i < ids.size(); i++) {
      assertTrue(
          RedisStreamIds.compare(ids.get(i - 1), ids.get(i)) < 0,
          "not increasing at " + i + ": " + ids.get(i - 1) + ", " + ids.get(i));
    }
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "not within 20 s");
      Thread.sleep(10);
    }
  }
}
