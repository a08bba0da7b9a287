package dev.sluice.samples.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.client.EventStream;
import dev.sluice.client.MessageEvent;
import dev.sluice.client.SseClient;
import dev.sluice.redis.RedisServer;
import dev.sluice.samples.ChatLogin;
import dev.sluice.samples.ChatMessage;
import dev.sluice.samples.ChatRooms;
import dev.sluice.samples.ChatSessions;
import dev.sluice.samples.DemoServer;
import dev.sluice.test.SluiceExtension;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo as the README runs it with {@code --redis}: three nodes on one Redis share the chat
 * rooms and the sessions, and a browser moved between nodes, signed in on one of them, resumes on
 * another with no gap.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChatOnRedisTest {
  private static RedisServer redis;

  /** A node's sign-ins and rooms on the shared Redis, closed after its server. */
  private record Chat(ChatSessions sessions, ChatRooms rooms) implements AutoCloseable {
    static Chat onRedis() {
      ChatSessions sessions = ChatSessions.onRedis(redis.uri());
      return new Chat(sessions, ChatRooms.onRedis(sessions, redis.uri()));
    }

    @Override
    public void close() {
      rooms.close();
      sessions.close();
    }
  }

  @AutoClose private final Chat chatA = Chat.onRedis();
  @AutoClose private final Chat chatB = Chat.onRedis();
  @AutoClose private final Chat chatC = Chat.onRedis();

  @RegisterExtension final SluiceExtension nodeA = node(chatA);
  @RegisterExtension final SluiceExtension nodeB = node(chatB);
  @RegisterExtension final SluiceExtension nodeC = node(chatC);

  private final List<SluiceExtension> nodes = List.of(nodeA, nodeB, nodeC);

  /** The demo as one node of three runs it, on its chat. */
  private static SluiceExtension node(Chat chat) {
    return SluiceExtension.starting(
        port -> DemoServer.start("127.0.0.1", port, null, chat.sessions(), chat.rooms()));
  }

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.start(false);
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Test
  void messagePostedOnOneNode_isSeenOnTheOtherTwo_withOneId() throws Exception {
    String ada = login(0, "ada"); // one sign-in, good on every node
    try (EventStream<MessageEvent<ChatMessage>> onB =
            reader(1, ada).request("/rooms/shared/events").messages(ChatMessage.class).awaitOpen();
        EventStream<MessageEvent<ChatMessage>> onC =
            reader(2, ada)
                .request("/rooms/shared/events")
                .messages(ChatMessage.class)
                .awaitOpen()) {
      assertEquals(204, post(0, ada, "shared", "hello from A"));
      MessageEvent<ChatMessage> seenOnB = onB.next();
      MessageEvent<ChatMessage> seenOnC = onC.next();
      assertEquals("hello from A", seenOnB.data().text());
      assertEquals("hello from A", seenOnC.data().text());
      assertEquals(seenOnB.lastEventId(), seenOnC.lastEventId(), "the Redis entry id");
    }
  }

  @Test
  void browserMovedToAnotherNode_resumesAfterItsLastMessage_withNoGap() throws Exception {
    String bob = login(1, "bob");
    String others = login(2, "eve");
    String lastSeen;
    try (EventStream<MessageEvent<ChatMessage>> onB =
        reader(1, bob).request("/rooms/moving/events").messages(ChatMessage.class).awaitOpen()) {
      assertEquals(204, post(0, others, "moving", "one"));
      lastSeen = onB.next().lastEventId();
    } // node B goes away for this browser; the load balancer sends it to C next
    assertEquals(204, post(1, others, "moving", "two"));
    assertEquals(204, post(2, others, "moving", "three"));

    try (EventStream<ChatMessage> onC =
        reader(2, bob)
            .request("/rooms/moving/events")
            .lastEventId(lastSeen)
            .events(ChatMessage.class)
            .awaitOpen()) {
      assertEquals("two", onC.next().text());
      assertEquals("three", onC.next().text());
      assertEquals(204, post(0, others, "moving", "four"));
      assertEquals("four", onC.next().text(), "live again, nothing doubled");
    }
  }

  @Test
  void forgedSession_isRefusedOnEveryNode() throws Exception {
    for (int node = 0; node < 3; node++) {
      assertEquals(401, post(node, "sluice-chat=forged", "shared", "hi"));
    }
  }

  /** Signs in on {@code node}; the session cookie, as {@code name=value}. */
  private String login(int node, String name) throws Exception {
    return ChatLogin.login(nodes.get(node), name);
  }

  private SseClient reader(int node, String cookie) {
    return SseClient.builder().header("Cookie", cookie).baseUri(nodes.get(node).baseUri()).build();
  }

  private int post(int node, String cookie, String room, String text) throws Exception {
    SluiceExtension server = nodes.get(node);
    return server
        .httpClient()
        .send(
            server
                .request("/rooms/" + room + "/messages")
                .header("Cookie", cookie)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\"}"))
                .build(),
            BodyHandlers.discarding())
        .statusCode();
  }
}
