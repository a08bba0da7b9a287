package dev.sluice.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.client.EventStream;
import dev.sluice.client.MessageEvent;
import dev.sluice.client.SseClient;
import dev.sluice.test.SluiceExtension;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo's chat: signed-in users only (a session cookie, HttpOnly and SameSite=Strict); posts
 * reach every reader of the room, cross-site posts are refused, and a reader resumes after a blip.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ChatTest {
  @RegisterExtension
  final SluiceExtension sluice =
      SluiceExtension.starting(port -> DemoServer.start("127.0.0.1", port));

  /** Signs in as {@code name}; the session cookie, as {@code name=value}. */
  private String login(String name) throws Exception {
    return ChatLogin.login(sluice, name);
  }

  private HttpResponse<String> post(
      String room, String cookie, String contentType, String json, String... headers)
      throws Exception {
    HttpRequest.Builder post =
        sluice
            .request("/rooms/" + room + "/messages")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (cookie != null) {
      post.header("Cookie", cookie);
    }
    if (contentType != null) {
      post.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      post.header(headers[i], headers[i + 1]);
    }
    return sluice.httpClient().send(post.build(), BodyHandlers.ofString());
  }

  private int post(String room, String cookie, String json) throws Exception {
    return post(room, cookie, "application/json", json).statusCode();
  }

  private SseClient reader(String cookie) {
    return SseClient.builder().header("Cookie", cookie).baseUri(sluice.baseUri()).build();
  }

  @Test
  void twoReaders_seeEveryMessage_andAReaderResumesAfterTheLastOneItSaw() throws Exception {
    String ada = login("ada");
    SseClient reader = reader(login("bob"));
    String lastSeenByBob;
    try (EventStream<ChatMessage> adas =
        reader.events("/rooms/lobby/events", ChatMessage.class).awaitOpen()) {
      try (EventStream<MessageEvent<ChatMessage>> bob =
          reader.request("/rooms/lobby/events").messages(ChatMessage.class).awaitOpen()) {
        assertEquals(204, post("lobby", ada, "{\"text\":\"one\"}"));
        assertEquals("one", adas.next().text());
        MessageEvent<ChatMessage> first = bob.next();
        assertEquals("one", first.data().text());
        lastSeenByBob = first.lastEventId();
      } // bob's network drops here
      assertEquals(204, post("lobby", ada, "{\"text\":\"two\"}"));
      assertEquals(204, post("lobby", ada, "{\"text\":\"three\"}"));
      assertEquals("two", adas.next().text());
      assertEquals("three", adas.next().text());
    }

    try (EventStream<ChatMessage> bob =
        reader
            .request("/rooms/lobby/events")
            .lastEventId(lastSeenByBob)
            .events(ChatMessage.class)
            .awaitOpen()) {
      assertEquals("two", bob.next().text());
      assertEquals("three", bob.next().text());
      assertEquals(204, post("lobby", ada, "{\"text\":\"four\"}"));
      assertEquals("four", bob.next().text(), "live again, nothing doubled");
    }
  }

  @Test
  void anIdTheRoomNoLongerHolds_isToldSo() throws Exception {
    SseClient reader = reader(login("ada"));
    try (EventStream<MessageEvent<String>> events =
        reader.request("/rooms/lobby/events").lastEventId("from-before-a-restart").messages()) {
      MessageEvent<String> notice = events.next();
      assertEquals("sluice-history-lost", notice.type());
      assertEquals("\"from-before-a-restart\"", notice.data());
      assertFalse(notice.lastEventId().isEmpty(), "it carries an id to resume after");
    }
  }

  @Test
  void badPosts_areRefusedWithAReason() throws Exception {
    String ada = login("ada");
    assertEquals(400, post("lobby", ada, "not json"));
    assertEquals(400, post("lobby", ada, "{\"text\":\"\"}"));
    assertEquals(404, post("Not-A-Room", ada, "{\"text\":\"x\"}"));
    assertEquals(413, post("lobby", ada, "x".repeat(10_000)));
    HttpResponse<String> get =
        sluice
            .httpClient()
            .send(sluice.request("/rooms/lobby/messages").build(), BodyHandlers.ofString());
    assertEquals(405, get.statusCode());
    assertTrue(
        sluice
            .httpClient()
            .send(sluice.request("/chat").build(), BodyHandlers.ofString())
            .body()
            .contains("new EventSource("));
  }

  @Test
  void login_setsASessionCookieThatScriptsCannotReadNorOtherSitesSend() throws Exception {
    HttpResponse<String> response =
        sluice
            .httpClient()
            .send(
                sluice
                    .request("/login")
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada L.\"}"))
                    .build(),
                BodyHandlers.ofString());

    assertEquals(200, response.statusCode());
    assertEquals("{\"name\":\"Ada L.\"}", response.body());
    String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(cookie.startsWith("sluice-chat="), cookie);
    assertTrue(cookie.contains("; HttpOnly"), cookie);
    assertTrue(cookie.contains("; SameSite=Strict"), cookie);
    assertTrue(cookie.contains("; Path=/"), cookie);
    assertFalse(cookie.contains("Secure"), "plain HTTP: " + cookie);
  }

  @Test
  void events_needTheSession_401WithoutOrWithAWrongOne() throws Exception {
    for (String cookie : new String[] {null, "sluice-chat=forged", "other=1"}) {
      HttpRequest.Builder events = sluice.request("/rooms/lobby/events");
      if (cookie != null) {
        events.header("Cookie", cookie);
      }
      HttpResponse<String> response =
          sluice.httpClient().send(events.build(), BodyHandlers.ofString());
      assertEquals(401, response.statusCode(), cookie);
      assertEquals(
          "Session realm=\"chat\"",
          response.headers().firstValue("WWW-Authenticate").orElseThrow());
    }
  }

  @Test
  void posts_needTheSession_andTheAuthorIsItsName() throws Exception {
    assertEquals(401, post("lobby", null, "{\"text\":\"hi\"}"));
    assertEquals(401, post("lobby", "sluice-chat=forged", "{\"text\":\"hi\"}"));

    String grace = login("grace");
    try (EventStream<ChatMessage> events =
        reader(grace).events("/rooms/lobby/events", ChatMessage.class).awaitOpen()) {
      assertEquals(204, post("lobby", grace, "{\"author\":\"someone else\",\"text\":\"hi\"}"));
      ChatMessage message = events.next();
      assertEquals("grace", message.author());
      assertEquals("hi", message.text());
    }
  }

  @Test
  void crossSitePosts_areRefused_byOriginAndByContentType() throws Exception {
    String ada = login("ada");
    String json = "{\"text\":\"from elsewhere\"}";

    assertEquals(
        403,
        post("lobby", ada, "application/json", json, "Origin", "https://evil.example")
            .statusCode());
    assertEquals(
        415, post("lobby", ada, "application/x-www-form-urlencoded", "text=x").statusCode());
    assertEquals(415, post("lobby", ada, "text/plain", json).statusCode());
    assertEquals(415, post("lobby", ada, null, json).statusCode());
    assertEquals(
        403,
        sluice
            .httpClient()
            .send(
                sluice
                    .request("/login")
                    .header("Content-Type", "application/json")
                    .header("Origin", "https://evil.example")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"mallory\"}"))
                    .build(),
                BodyHandlers.ofString())
            .statusCode());
    assertEquals(
        204,
        post("lobby", ada, "application/json", json, "Origin", "http://127.0.0.1:" + sluice.port())
            .statusCode(),
        "this site's own page");
  }

  @Test
  void badSignIns_areRefusedWithAReason() throws Exception {
    for (String body : new String[] {"{\"name\":\"\"}", "{\"name\":\"<script>\"}", "nope"}) {
      HttpResponse<String> response =
          sluice
              .httpClient()
              .send(
                  sluice
                      .request("/login")
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  BodyHandlers.ofString());
      assertEquals(400, response.statusCode(), body);
      assertFalse(response.headers().firstValue("Set-Cookie").isPresent(), body);
    }
  }
}
