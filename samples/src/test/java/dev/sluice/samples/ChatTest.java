package dev.sluice.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.SseServer;
import dev.sluice.client.EventStream;
import dev.sluice.client.MessageEvent;
import dev.sluice.client.SseClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo's chat: posts reach every reader of the room, and a reader resumes after a blip. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ChatTest {
  private SseServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    server = DemoServer.start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(10));
  }

  private int post(String room, String json) throws Exception {
    return client.send(request("/rooms/" + room + "/messages")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        BodyHandlers.discarding()).statusCode();
  }

  @Test
  void twoReaders_seeEveryMessage_andAReaderResumesAfterTheLastOneItSaw() throws Exception {
    SseClient reader = SseClient.builder()
        .baseUri(URI.create("http://127.0.0.1:" + server.port() + "/")).build();
    String lastSeenByBob;
    try (EventStream<ChatMessage> ada = reader.events("/rooms/lobby/events", ChatMessage.class)
        .awaitOpen()) {
      try (EventStream<MessageEvent<ChatMessage>> bob =
          reader.request("/rooms/lobby/events").messages(ChatMessage.class).awaitOpen()) {
        assertEquals(204, post("lobby", "{\"author\":\"ada\",\"text\":\"one\"}"));
        assertEquals("one", ada.next().text());
        MessageEvent<ChatMessage> first = bob.next();
        assertEquals("one", first.data().text());
        lastSeenByBob = first.lastEventId();
      } // bob's network drops here
      assertEquals(204, post("lobby", "{\"author\":\"ada\",\"text\":\"two\"}"));
      assertEquals(204, post("lobby", "{\"author\":\"ada\",\"text\":\"three\"}"));
      assertEquals("two", ada.next().text());
      assertEquals("three", ada.next().text());
    }

    try (EventStream<ChatMessage> bob = reader.request("/rooms/lobby/events")
        .lastEventId(lastSeenByBob).events(ChatMessage.class).awaitOpen()) {
      assertEquals("two", bob.next().text());
      assertEquals("three", bob.next().text());
      assertEquals(204, post("lobby", "{\"author\":\"ada\",\"text\":\"four\"}"));
      assertEquals("four", bob.next().text(), "live again, nothing doubled");
    }
  }

  @Test
  void anIdTheRoomNoLongerHolds_isToldSo() {
    SseClient reader = SseClient.builder()
        .baseUri(URI.create("http://127.0.0.1:" + server.port() + "/")).build();
    try (EventStream<MessageEvent<String>> events = reader.request("/rooms/lobby/events")
        .lastEventId("from-before-a-restart").messages()) {
      MessageEvent<String> notice = events.next();
      assertEquals("sluice-history-lost", notice.type());
      assertEquals("\"from-before-a-restart\"", notice.data());
      assertFalse(notice.lastEventId().isEmpty(), "it carries an id to resume after");
    }
  }

  @Test
  void badPosts_areRefusedWithAReason() throws Exception {
    assertEquals(400, post("lobby", "not json"));
    assertEquals(400, post("lobby", "{\"author\":\"\",\"text\":\"x\"}"));
    assertEquals(404, post("Not-A-Room", "{\"author\":\"a\",\"text\":\"x\"}"));
    HttpResponse<String> tooBig = client.send(request("/rooms/lobby/messages")
        .POST(HttpRequest.BodyPublishers.ofString("x".repeat(10_000))).build(),
        BodyHandlers.ofString());
    assertEquals(413, tooBig.statusCode());
    HttpResponse<String> get = client.send(request("/rooms/lobby/messages").build(),
        BodyHandlers.ofString());
    assertEquals(405, get.statusCode());
    assertTrue(client.send(request("/chat").build(), BodyHandlers.ofString()).body()
        .contains("new EventSource("));
  }
}
