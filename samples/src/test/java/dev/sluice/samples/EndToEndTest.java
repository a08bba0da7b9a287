package dev.sluice.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.test.SluiceExtension;
import io.undertow.server.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Generated routes served by a real server, read over a real socket by the JDK's client. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EndToEndTest {
  private static final HttpHandler PLAIN = exchange -> exchange.getResponseSender().send("plain");

  private final TestEndpoints endpoints = new TestEndpoints();

  @RegisterExtension
  final SluiceExtension sluice =
      SluiceExtension.serving(endpoints)
          .server(server -> server.handler("/plain/{name}", PLAIN))
          .http(http -> http.version(HttpClient.Version.HTTP_1_1));

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return sluice.httpClient().send(request.build(), BodyHandlers.ofString());
  }

  private String body(String path) throws Exception {
    return Bodies.of(sluice, path);
  }

  @Test
  void textEvents_areWrittenToTheSpec() throws Exception {
    assertEquals(
        "data: one\n\n"
            + "data: two\ndata: lines\n\n"
            + "data:  leading space\n\n"
            + "data: \n\n"
            + "data: 😀 ünï\n\n",
        body("/text"));
  }

  @Test
  void streamResponse_hasEventStreamHeaders() throws Exception {
    HttpResponse<String> response = send(sluice.request("/text"));
    assertEquals(200, response.statusCode());
    assertEquals(
        "text/event-stream; charset=UTF-8",
        response.headers().firstValue("content-type").orElseThrow());
    assertEquals("no-cache", response.headers().firstValue("cache-control").orElseThrow());
    assertEquals("no", response.headers().firstValue("x-accel-buffering").orElseThrow());
    assertFalse(response.headers().firstValue("content-length").isPresent());
    assertEquals(HttpClient.Version.HTTP_1_1, response.version());
  }

  @Test
  void httpOneResponse_isChunkedAndKeepsTheConnection() throws Exception {
    try (RawHttp raw = RawHttp.connect(sluice.port())) {
      raw.send("GET /text HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n");
      String head = raw.readHead();
      assertTrue(head.startsWith("HTTP/1.1 200"), head);
      assertTrue(head.toLowerCase().contains("transfer-encoding: chunked"), head);
      assertFalse(head.toLowerCase().contains("connection: close"), head);
      assertFalse(head.toLowerCase().contains("content-length"), head);
    }
  }

  @Test
  void headers_reachTheClientBeforeTheFirstEvent() throws Exception {
    HttpResponse<InputStream> response =
        sluice.httpClient().send(sluice.request("/hanging").build(), BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());
    try (InputStream in = response.body()) {
      assertEquals("data: first\n\n", new EventReader(in).next());
    }
  }

  @Test
  void jsonElements_areSentAsJson() throws Exception {
    assertEquals("data: {\"x\":1,\"y\":2}\n\ndata: {\"x\":3,\"y\":4}\n\n", body("/json"));
    assertEquals("data: [{\"x\":1,\"y\":2},{\"x\":3,\"y\":4}]\n\n", body("/generic"));
  }

  @Test
  void sseEvents_carryNameIdRetryAndComments() throws Exception {
    assertEquals(
        "retry: 3000\nid: 7\nevent: moved\ndata: {\"x\":5,\"y\":6}\n\n" + ": keep\n: alive\n\n",
        body("/typed"));
    assertEquals("id: 1\ndata: plain\n\ndata: \"quoted\"\n\n", body("/typed-text"));
  }

  @Test
  void parameters_areConvertedFromPathQueryAndHeaders() throws Exception {
    String id = "123e4567-e89b-12d3-a456-426614174000";
    HttpResponse<String> response =
        send(
            sluice
                .request("/params/" + id + "?n=42&color=GREEN&every=PT2S")
                .header("X-Token", "secret")
                .header("Last-Event-ID", "99"));
    assertEquals("data: " + id + " 42 GREEN PT2S secret 99\n\n", response.body());

    response = send(sluice.request("/params/" + id + "?n=-1&lastEventId=7").header("X-Token", "t"));
    assertEquals("data: " + id + " -1 none none t 7\n\n", response.body());
  }

  @Test
  void badParameters_areA400NamingTheParameter() throws Exception {
    String id = "123e4567-e89b-12d3-a456-426614174000";
    HttpResponse<String> missing = send(sluice.request("/params/" + id).header("X-Token", "t"));
    assertEquals(400, missing.statusCode());
    assertTrue(missing.body().contains("query parameter 'n'"), missing.body());

    HttpResponse<String> badUuid = send(sluice.request("/params/nope?n=1").header("X-Token", "t"));
    assertEquals(400, badUuid.statusCode());
    assertTrue(badUuid.body().contains("path parameter 'id'"), badUuid.body());

    HttpResponse<String> badEnum =
        send(sluice.request("/params/" + id + "?n=1&color=BLUE").header("X-Token", "t"));
    assertEquals(400, badEnum.statusCode());
    assertTrue(badEnum.body().contains("query parameter 'color'"), badEnum.body());
    assertTrue(badEnum.body().contains("RED, GREEN"), badEnum.body());

    HttpResponse<String> noHeader = send(sluice.request("/params/" + id + "?n=1"));
    assertEquals(400, noHeader.statusCode());
    assertTrue(noHeader.body().contains("header 'X-Token'"), noHeader.body());
  }

  @Test
  void routing_prefersLiteralsAndDecodesVariables() throws Exception {
    assertEquals("data: the lobby\n\n", body("/rooms/lobby"));
    assertEquals("data: room a/b c\n\n", body("/rooms/a%2Fb%20c"));
    assertEquals("plain", send(sluice.request("/plain/x")).body());
  }

  @Test
  void unknownPath_is404() throws Exception {
    assertEquals(404, send(sluice.request("/nowhere")).statusCode());
    assertEquals(404, send(sluice.request("/rooms/a/b")).statusCode());
  }

  @Test
  void otherMethods_are405WithAllow() throws Exception {
    HttpResponse<String> response =
        send(sluice.request("/text").POST(HttpRequest.BodyPublishers.ofString("x")));
    assertEquals(405, response.statusCode());
    assertEquals("GET", response.headers().firstValue("allow").orElseThrow());
  }

  @Test
  void acceptRulingOutEventStream_is406() throws Exception {
    assertEquals(
        406, send(sluice.request("/text").header("Accept", "application/json")).statusCode());
    assertEquals(
        406,
        send(sluice.request("/text").header("Accept", "text/event-stream;q=0, text/html"))
            .statusCode());
    assertEquals(200, send(sluice.request("/text").header("Accept", "text/*")).statusCode());
  }

  @Test
  void endpointException_is500WithoutDetails() throws Exception {
    HttpResponse<String> response = send(sluice.request("/fails"));
    assertEquals(500, response.statusCode());
    assertFalse(response.body().contains("secret"), response.body());
  }

  @Test
  void sseStatusException_setsTheStatus() throws Exception {
    HttpResponse<String> response = send(sluice.request("/refuses"));
    assertEquals(403, response.statusCode());
    assertTrue(response.body().contains("Not for you"), response.body());
  }

  @Test
  void publisherError_endsTheStreamAfterWholeEvents() throws Exception {
    assertEquals("data: before\n\n", body("/fails-midway"));
  }

  @Test
  void burst_deliversEveryEventInOrder() throws Exception {
    int n = 50_000;
    String expected =
        IntStream.range(0, n)
            .mapToObj(i -> "data: event-" + i + "\n\n")
            .collect(Collectors.joining());
    assertEquals(expected, body("/burst?n=" + n));
  }

  @Test
  void blockingStream_runsOffTheIoThreadAndIsClosedWhenTheClientLeaves() throws Exception {
    try (RawHttp raw = RawHttp.connect(sluice.port())) {
      raw.send("GET /blocking HTTP/1.1\r\nHost: localhost\r\n\r\n");
      raw.readHead();
      assertTrue(raw.readUntil("data: first\n\n"));
    }
    assertTrue(
        endpoints.blockingStreamClosed.await(2, TimeUnit.SECONDS),
        "the stream's onClose ran within 2 s of the client closing");
    assertFalse(endpoints.streamThread.startsWith("XNIO"), endpoints.streamThread);
  }

  @Test
  void publisher_isCancelledWhenTheClientLeaves() throws Exception {
    HttpResponse<InputStream> response =
        sluice.httpClient().send(sluice.request("/hanging").build(), BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      assertEquals("data: first\n\n", new EventReader(in).next());
    }
    assertTrue(
        endpoints.hanging.cancelled.await(2, TimeUnit.SECONDS),
        "the subscription was cancelled within 2 s of the client closing");
  }

  @Test
  void connection_isReusedAfterAStreamEnds() throws Exception {
    try (RawHttp raw = RawHttp.connect(sluice.port())) {
      for (int i = 0; i < 2; i++) {
        raw.send("GET /rooms/lobby HTTP/1.1\r\nHost: localhost\r\n\r\n");
        raw.readHead();
        assertTrue(raw.readUntil("data: the lobby\n\n"));
        assertTrue(raw.readUntil("0\r\n\r\n"), "the chunked body ends");
      }
    } catch (IOException e) {
      throw new AssertionError("the second request failed on the same connection", e);
    }
  }
}
