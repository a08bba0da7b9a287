package dev.sluice.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.test.SluiceExtension;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The demo a new user runs first serves what the README promises. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DemoServerTest {
  @RegisterExtension
  final SluiceExtension sluice =
      SluiceExtension.starting(port -> DemoServer.start("127.0.0.1", port));

  private HttpRequest get(String path) {
    return sluice.request(path).build();
  }

  @Test
  void events_sayHelloOncePerSecond() throws Exception {
    HttpResponse<InputStream> response =
        sluice.httpClient().send(get("/events"), BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());
    try (InputStream in = response.body()) {
      EventReader events = new EventReader(in);
      long start = System.nanoTime();
      assertEquals("data: Hello, world!\n\n", events.next());
      assertEquals("data: Hello, world!\n\n", events.next());
      assertTrue(
          System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(900),
          "the second hello waits about a second");
    }
  }

  @Test
  void ticks_areJson() throws Exception {
    HttpResponse<InputStream> response =
        sluice.httpClient().send(get("/ticks?every=PT0.05S"), BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      String tick = new EventReader(in).next();
      assertTrue(tick.matches("data: \\{\"seq\":0,\"epochMillis\":\\d+}\n\n"), tick);
    }
  }

  @Test
  void ticksWithAPeriodOfZero_areABadRequestNotAnEmptyStream() throws Exception {
    HttpResponse<String> response =
        sluice.httpClient().send(get("/ticks?every=PT0S"), BodyHandlers.ofString());
    assertEquals(400, response.statusCode());
    assertEquals("every must be at least PT0.001S, not PT0S\n", response.body());
  }

  @Test
  void quotes_areTypedEventsThatResumeAfterLastEventId() throws Exception {
    HttpRequest resume =
        HttpRequest.newBuilder(get("/quotes").uri()).header("Last-Event-ID", "41").build();
    HttpResponse<InputStream> response =
        sluice.httpClient().send(resume, BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      String quote = new EventReader(in).next();
      assertTrue(quote.startsWith("retry: 2000\nid: 42\nevent: quote\ndata: {\"symbol\":"), quote);
    }
  }

  @Test
  void countdown_takesAPathParameterAndEnds() throws Exception {
    HttpResponse<String> response =
        sluice.httpClient().send(get("/countdown/2?every=PT0.01S"), BodyHandlers.ofString());
    assertEquals("data: 2\n\ndata: 1\n\ndata: 0\n\ndata: Liftoff!\n\n", response.body());
    assertEquals(
        404,
        sluice.httpClient().send(get("/countdown/5000"), BodyHandlers.ofString()).statusCode());
  }

  @Test
  void page_opensAnEventSourcePerEndpoint() throws Exception {
    HttpResponse<String> page = sluice.httpClient().send(get("/"), BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("content-type").orElseThrow().startsWith("text/html"));
    assertTrue(page.body().contains("new EventSource("), page.body());
  }
}
