package dev.sluice.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The mounted sample serves its own route and Sluice's under /sse, as its javadoc says. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class MountedServerTest {
  /**
   * The sample itself, as its main method starts it: an SseHandler in an Undertow server of its
   * own, which is not an SseServer for SluiceExtension.starting(..) to start.
   */
  @AutoClose private final MountedServer server = MountedServer.start(0);

  private final HttpClient client = HttpClient.newHttpClient();

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  @Test
  void hello_isTheServersOwnRoute() throws Exception {
    HttpResponse<String> hello = client.send(get("/hello"), BodyHandlers.ofString());
    assertEquals(200, hello.statusCode());
    assertEquals("Hello from plain Undertow\n", hello.body());
  }

  @Test
  void sluicesEndpoints_areServedUnderTheirPrefix() throws Exception {
    HttpResponse<InputStream> events =
        client.send(get("/sse/events"), BodyHandlers.ofInputStream());
    assertEquals(200, events.statusCode());
    try (InputStream in = events.body()) {
      assertEquals("data: Hello, world!\n\n", new EventReader(in).next());
    }
    HttpResponse<InputStream> countdown =
        client.send(get("/sse/countdown/2?every=PT0.1S"), BodyHandlers.ofInputStream());
    try (InputStream in = countdown.body()) {
      EventReader reader = new EventReader(in);
      assertEquals("data: 2\n\n", reader.next());
      assertEquals("data: 1\n\n", reader.next());
      assertEquals("data: 0\n\n", reader.next());
      assertEquals("data: Liftoff!\n\n", reader.next());
      assertNull(reader.next(), "the countdown ends its stream");
    }
  }

  @Test
  void pathsNeitherServes_are404() throws Exception {
    assertEquals(404, client.send(get("/events"), BodyHandlers.ofString()).statusCode());
    assertEquals(404, client.send(get("/sse/hello"), BodyHandlers.ofString()).statusCode());
  }
}
