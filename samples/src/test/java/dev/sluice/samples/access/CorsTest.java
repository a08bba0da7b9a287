package dev.sluice.samples.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.CorsPolicy;
import dev.sluice.SseEvent;
import dev.sluice.SseServer;
import dev.sluice.SseStats.Refusal;
import dev.sluice.test.SluiceExtension;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CORS over real sockets: a page of an origin not allowed holds nothing open and sees nothing; an
 * allowed one gets the headers that let it read, with credentials where enabled; preflights are
 * answered; requests without {@code Origin}, or from the server's own, pass.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CorsTest {
  private static final String APP = "https://app.example";
  private static final String EVIL = "https://evil.example";

  private final CorsEndpoints endpoints = new CorsEndpoints();

  @RegisterExtension
  final SluiceExtension sluice =
      SluiceExtension.serving(endpoints)
          .server(
              server ->
                  server
                      .allowedOrigins(APP, "http://localhost:5173")
                      .allowCredentials(true)
                      .cors("/public", CorsPolicy.allowedOrigins("*")));

  private final Http http = new Http(sluice::port);
  private final HttpClient streaming =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** Opens a stream and reads up to {@code text}; the stream is closed after. */
  private HttpResponse<InputStream> open(String path, String... headers) throws Exception {
    return streaming.send(http.request(path, headers).GET().build(), BodyHandlers.ofInputStream());
  }

  private static String readUntil(InputStream in, String text) throws Exception {
    StringBuilder seen = new StringBuilder();
    while (!seen.toString().endsWith(text)) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      seen.append((char) b);
    }
    return seen.toString();
  }

  @Test
  void originNotAllowed_is403_beforeAnyStreamOpens_andReplaysNothing() throws Exception {
    SseEvent<String> first = endpoints.news.publish("one");
    endpoints.news.publish("two");

    HttpResponse<String> response = http.get("/news", "Origin", EVIL, "Last-Event-ID", first.id());

    assertEquals(403, response.statusCode());
    assertFalse(response.body().contains("two"), response.body());
    assertEquals(Optional.empty(), response.headers().firstValue("Access-Control-Allow-Origin"));
    assertEquals(0, endpoints.calls.get());
    assertEquals(1L, sluice.stats().refused().get(Refusal.ORIGIN_NOT_ALLOWED));
    assertEquals(
        0L,
        sluice.stats().closed().values().stream().mapToLong(Long::longValue).sum(),
        "no stream was ever opened: " + sluice.stats());
    assertEquals(0, endpoints.news.subscriberCount());
  }

  @Test
  void allowedOrigin_readsTheStream_withItsOriginAndCredentialsAllowed() throws Exception {
    SseEvent<String> first = endpoints.news.publish("one");
    endpoints.news.publish("two");

    HttpResponse<InputStream> response = open("/news", "Origin", APP, "Last-Event-ID", first.id());
    try (InputStream body = response.body()) {
      assertEquals(200, response.statusCode());
      assertEquals(Optional.of(APP), response.headers().firstValue("Access-Control-Allow-Origin"));
      assertEquals(
          Optional.of("true"), response.headers().firstValue("Access-Control-Allow-Credentials"));
      assertTrue(
          response.headers().allValues("Vary").contains("Origin"), response.headers().toString());
      assertTrue(readUntil(body, "data: two\n\n").endsWith("data: two\n\n"));
    }
  }

  @Test
  void requestsWithoutOrigin_orFromTheServersOwn_pass_withoutCorsHeaders() throws Exception {
    HttpResponse<String> plain = http.get("/public");
    assertEquals("data: for every page\n\n", plain.body());

    HttpResponse<InputStream> own = open("/news", "Origin", "http://127.0.0.1:" + sluice.port());
    own.body().close();
    assertEquals(200, own.statusCode());
    assertEquals(Optional.empty(), own.headers().firstValue("Access-Control-Allow-Origin"));
  }

  @Test
  void endpointPolicy_overridesTheServers_anyOriginWithoutCredentials() throws Exception {
    HttpResponse<String> response = http.get("/public", "Origin", EVIL);

    assertEquals(200, response.statusCode());
    assertEquals("data: for every page\n\n", response.body());
    assertEquals(Optional.of(EVIL), response.headers().firstValue("Access-Control-Allow-Origin"));
    assertEquals(
        Optional.empty(), response.headers().firstValue("Access-Control-Allow-Credentials"));
  }

  @Test
  void preflight_is204WithTheMethodHeadersAndMaxAge_andRefusedForOtherOrigins() throws Exception {
    HttpRequest preflight =
        http.request(
                "/news",
                "Origin",
                "http://LOCALHOST:5173",
                "Access-Control-Request-Method",
                "GET",
                "Access-Control-Request-Headers",
                "last-event-id, authorization")
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<String> allowed = http.send(preflight);

    assertEquals(204, allowed.statusCode());
    assertEquals(
        Optional.of("http://LOCALHOST:5173"),
        allowed.headers().firstValue("Access-Control-Allow-Origin"));
    assertEquals(Optional.of("GET"), allowed.headers().firstValue("Access-Control-Allow-Methods"));
    assertEquals(
        Optional.of("Last-Event-ID, Authorization, Cache-Control"),
        allowed.headers().firstValue("Access-Control-Allow-Headers"));
    assertEquals(Optional.of("3600"), allowed.headers().firstValue("Access-Control-Max-Age"));
    assertEquals(
        Optional.of("true"), allowed.headers().firstValue("Access-Control-Allow-Credentials"));
    assertEquals(0, endpoints.calls.get());

    HttpResponse<String> refused =
        http.send(
            http.request("/news", "Origin", EVIL, "Access-Control-Request-Method", "GET")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build());
    assertEquals(403, refused.statusCode());
  }

  @Test
  void anOptionsRequestThatIsNoPreflight_isStill405() throws Exception {
    HttpResponse<String> response =
        http.send(
            http.request("/news").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    assertEquals(405, response.statusCode());
  }

  @Test
  void anyOriginWithCredentials_isRefusedAtBuildTime_withTheReason() {
    IllegalArgumentException server =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SseServer.builder()
                    .port(0)
                    .allowedOrigins("*")
                    .allowCredentials(true)
                    .register(new CorsEndpoints())
                    .start());
    assertTrue(
        server
            .getMessage()
            .startsWith("allowedOrigins(\"*\") cannot be combined with allowCredentials(true)"),
        server.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> CorsPolicy.allowedOrigins("*").allowCredentials(true));
  }

  @Test
  void originsThatAreNoOrigins_andPoliciesForNoEndpoint_areRefused() {
    for (String bad :
        List.of(
            "https://app.example/",
            "app.example",
            "https://app.example/x",
            "https://user@app.example",
            "")) {
      assertThrows(
          IllegalArgumentException.class, () -> SseServer.builder().allowedOrigins(bad), bad);
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SseServer.builder()
                    .port(0)
                    .cors("/nope", CorsPolicy.sameOrigin())
                    .register(new CorsEndpoints())
                    .start());
    assertTrue(
        e.getMessage().startsWith("cors(..) names [/nope], which no endpoint serves"),
        e.getMessage());
  }

  @Test
  void body_ofARefusal_namesNoOrigin() throws Exception {
    HttpResponse<String> response = http.get("/news", "Origin", EVIL);
    assertEquals("Forbidden: pages of this origin may not open /news\n", response.body());
  }
}
