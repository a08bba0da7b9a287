package dev.sluice.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.SseServer;
import java.io.InputStream;
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

  private static String text(String event) {
    return event.replaceAll("(?s).*\"text\":\"([^\"]*)\".*", "$1");
  }

  private static String id(String event) {
    return event.replaceAll("(?s)^id: ([^\n]*)\n.*", "$1");
  }

  @Test
  void twoReaders_seeEveryMessage_andAReaderResumesAfterTheLastOneItSaw() throws Exception {
    HttpResponse<InputStream> ada = client.send(request("/rooms/lobby/events").build(),
        BodyHandlers.ofInputStream());
    HttpResponse<InputStream> bob = client.send(request("/rooms/lobby/events").build(),
        BodyHandlers.ofInputStream());
    EventReader adaReads = new EventReader(ada.body());
    String lastSeenByBob;
    try (InputStream in = bob.body()) {
      EventReader bobReads = new EventReader(in);
      assertEquals(204, post("lobby", "{\"author\":\"ada\",\"text\":\"one\"}"));
      assertEquals("one", text(adaReads.next()));
      String first = bobReads.next();
      assertEquals("one", text(first));
      lastSeenByBob = id(first);
    } // bob's network drops here
    assertEquals(204, post("lobby", "{\"author\":\"ada\",\"text\":\"two\"}"));
    assertEquals(204, post("lobby", "{\"author\":\"ada\",\"text\":\"three\"}"));
    assertEquals("two", text(adaReads.next()));
    assertEquals("three", text(adaReads.next()));
    ada.body().close();

    HttpResponse<InputStream> resumed = client.send(request("/rooms/lobby/events")
        .header("Last-Event-ID", lastSeenByBob).build(), BodyHandlers.ofInputStream());
    try (InputStream in = resumed.body()) {
      EventReader bobReads = new EventReader(in);
      assertEquals("two", text(bobReads.next()));
      assertEquals("three", text(bobReads.next()));
      assertEquals(204, post("lobby", "{\"author\":\"ada\",\"text\":\"four\"}"));
      assertEquals("four", text(bobReads.next()), "live again, nothing doubled");
    }
  }

  @Test
  void anIdTheRoomNoLongerHolds_isToldSo() throws Exception {
    HttpResponse<InputStream> response = client.send(request("/rooms/lobby/events")
        .header("Last-Event-ID", "from-before-a-restart").build(), BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      String notice = new EventReader(in).next();
      assertTrue(notice.matches("id: [^\n]+\nevent: sluice-history-lost\n"
          + "data: \"from-before-a-restart\"\n\n"), notice);
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
