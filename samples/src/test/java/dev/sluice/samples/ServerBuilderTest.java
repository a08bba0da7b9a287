package dev.sluice.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.SseServer;
import dev.sluice.test.SluiceExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the builder refuses, and the bound on blocking streams. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ServerBuilderTest {
  private final TestEndpoints endpoints = new TestEndpoints();

  /** Started only by the test that asks for it; the others build servers that must not start. */
  @RegisterExtension
  final SluiceExtension sluice =
      SluiceExtension.serving(endpoints).http(http -> http.version(HttpClient.Version.HTTP_1_1));

  @Test
  void classWithoutGeneratedRoutes_isRejectedWithTheLikelyCause() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SseServer.builder().register(new Object()));
    assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
    assertTrue(e.getMessage().contains("annotation processor path"), e.getMessage());
  }

  @Test
  void samePathTwice_isRejectedAtStart() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SseServer.builder()
                    .port(0)
                    .register(new TestEndpoints())
                    .handler("/text", exchange -> exchange.getResponseSender().send("x"))
                    .start());
    assertTrue(e.getMessage().contains("/text"), e.getMessage());
  }

  @Test
  void invalidHandlerTemplate_isRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SseServer.builder().port(0).handler("no-slash", exchange -> {}).start());
  }

  @Test
  void limitsThatWouldDisableProtection_areRejectedWithTheRule() {
    SseServer.Builder builder = SseServer.builder();
    assertEquals(
        "stallTimeout must be positive: PT0S",
        assertThrows(IllegalArgumentException.class, () -> builder.stallTimeout(Duration.ZERO))
            .getMessage());
    assertEquals(
        "requestParseTimeout must be positive: PT-1S",
        assertThrows(
                IllegalArgumentException.class,
                () -> builder.requestParseTimeout(Duration.ofSeconds(-1)))
            .getMessage());
    assertEquals(
        "idleTimeout must be positive: PT0S",
        assertThrows(IllegalArgumentException.class, () -> builder.idleTimeout(Duration.ZERO))
            .getMessage());
    assertEquals(
        "maxStreamsPerConnection must be at least 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> builder.maxStreamsPerConnection(0))
            .getMessage());
    assertEquals(
        "maxStreamsPerClient must be at least 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> builder.maxStreamsPerClient(0))
            .getMessage());
    assertEquals(
        "maxHeaderSize must be at least 1024, got 512",
        assertThrows(IllegalArgumentException.class, () -> builder.maxHeaderSize(512))
            .getMessage());
  }

  @Test
  void streamThreadsPastTheBound_are503WithRetryAfter() throws Exception {
    assumeTrue(Runtime.version().feature() < 21, "virtual threads have no bound to reach");
    sluice.server(server -> server.maxStreamThreads(1));
    HttpClient client = sluice.httpClient();
    HttpResponse<java.io.InputStream> first =
        client.send(
            HttpRequest.newBuilder(sluice.uri("/blocking")).build(), BodyHandlers.ofInputStream());
    try (java.io.InputStream in = first.body()) {
      assertEquals("data: first\n\n", new EventReader(in).next());
      HttpResponse<String> second =
          client.send(sluice.request("/text").build(), BodyHandlers.ofString());
      assertEquals(503, second.statusCode());
      assertEquals("5", second.headers().firstValue("retry-after").orElseThrow());
      HttpResponse<String> publisher =
          client.send(HttpRequest.newBuilder(sluice.uri("/json")).build(), BodyHandlers.ofString());
      assertEquals(200, publisher.statusCode(), "publishers need no stream thread");
    }
  }
}
