package dev.sluice.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.client.EventStream;
import dev.sluice.client.SseClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An instance field: each test may add settings of its own before its server starts. */
class PerTestSettingsTest {
  @RegisterExtension
  final SluiceExtension sluice =
      SluiceExtension.serving(new GreetingEndpoints())
          .http(http -> http.version(HttpClient.Version.HTTP_1_1));

  private HttpResponse<String> get(String path) throws Exception {
    return sluice.httpClient().send(sluice.request(path).build(), BodyHandlers.ofString());
  }

  @Test
  void settingsGivenInATest_applyToItsServer() throws Exception {
    sluice.server(server -> server.handler("/extra", e -> e.getResponseSender().send("extra")));

    assertEquals("extra", get("/extra").body());
  }

  @Test
  void settingsOfAnotherTest_doNotApply() throws Exception {
    assertEquals(404, get("/extra").statusCode(), "only settingsGivenInATest_ has /extra");
  }

  @Test
  void settingsForARunningServer_areRefused() {
    sluice.start();

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> sluice.server(server -> {}));
    assertTrue(
        e.getMessage().startsWith("server(..) takes effect when the server starts"),
        e.getMessage());
    assertThrows(IllegalStateException.class, () -> sluice.client(client -> {}));
  }

  @Test
  void httpSettings_makeTheHttpClient_whichIsInjectedAndReadsTheStreams(HttpClient http)
      throws Exception {
    assertSame(sluice.httpClient(), http);
    assertEquals(HttpClient.Version.HTTP_1_1, get("/greetings").version());
    try (EventStream<Greeting> greetings =
        sluice.client().request("/greetings").reconnect(false).events(Greeting.class)) {
      assertEquals(List.of(new Greeting("hello"), new Greeting("world")), greetings.toList());
    }
  }

  @Test
  void uriAndRequest_areThePathOnTheRunningServer(SseClient client) {
    assertEquals(URI.create("http://127.0.0.1:" + sluice.port() + "/"), sluice.baseUri());
    assertEquals(sluice.baseUri(), client.baseUri());
    assertEquals(
        URI.create("http://127.0.0.1:" + sluice.port() + "/rooms/a%2Fb?n=3"),
        sluice.uri("/rooms/a%2Fb?n=3"));
    HttpRequest request = sluice.request("/greetings").build();
    assertEquals(sluice.uri("/greetings"), request.uri());
    assertEquals("GET", request.method());
    assertEquals(Optional.of(Duration.ofSeconds(10)), request.timeout());
  }

  @Test
  void aVersionForTheInjectedClient_isRefusedWithWhereItGoes() {
    sluice.client(client -> client.version(HttpClient.Version.HTTP_1_1));

    ExtensionConfigurationException e =
        assertThrows(ExtensionConfigurationException.class, sluice::start);
    assertTrue(e.getMessage().contains("http(b -> b.version(..))"), e.getMessage());
  }

  @Test
  void outsideATest_thereIsNoServer() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> SluiceExtension.serving(new GreetingEndpoints()).port());
    assertTrue(e.getMessage().startsWith("No test is running"), e.getMessage());
  }
}
