package dev.sluice.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.SseEvent;
import dev.sluice.SseHandler;
import dev.sluice.SseStats.CloseReason;
import dev.sluice.SseStats.Refusal;
import dev.sluice.test.SluiceExtension;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.PathTemplateMatch;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sluice's routes mounted in a plain Undertow server of the test's own, over real sockets. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SseHandlerTest {
  private static final String TEXT =
      "data: one\n\n"
          + "data: two\ndata: lines\n\n"
          + "data:  leading space\n\n"
          + "data: \n\n"
          + "data: 😀 ünï\n\n";
  private static final HttpHandler HELLO = exchange -> exchange.getResponseSender().send("hello");

  private final TestEndpoints endpoints = new TestEndpoints();
  private final List<InputStream> bodies = new ArrayList<>();

  /** Each test mounts the handler where it likes; Undertow has 2 I/O and 4 worker threads. */
  @RegisterExtension
  final SluiceExtension sluice =
      SluiceExtension.mounting(endpoints)
          .undertow(undertow -> undertow.setIoThreads(2).setWorkerThreads(4))
          .http(http -> http.version(HttpClient.Version.HTTP_1_1));

  @AfterEach
  void closeBodies() throws Exception {
    for (InputStream body : bodies) {
      body.close();
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return sluice.httpClient().send(request(path), BodyHandlers.ofString());
  }

  private HttpRequest request(String path) {
    return sluice.request(path).build();
  }

  /** Opens a stream and reads its first event. */
  private EventReader open(String path, String firstEvent) throws Exception {
    HttpResponse<InputStream> response =
        sluice.httpClient().send(request(path), BodyHandlers.ofInputStream());
    bodies.add(response.body());
    assertEquals(200, response.statusCode(), path);
    EventReader events = new EventReader(response.body());
    assertEquals(firstEvent, events.next(), path);
    return events;
  }

  /** Polls until {@code condition} holds, for at most 10 seconds; the stats show it then. */
  private void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within 10 s: " + sluice.stats());
      }
      Thread.sleep(10);
    }
  }

  @Test
  void underAPrefix_routesOnWhatThePrefixLeaves_andCountsByTemplate() throws Exception {
    sluice.routes(sse -> Handlers.path().addExactPath("/hello", HELLO).addPrefixPath("/sse", sse));

    assertEquals(TEXT, get("/sse/text").body());
    assertEquals("data: room a/b\n\n", get("/sse/rooms/a%2Fb").body(), "%2F stays in its segment");
    assertEquals("data: room %41\n\n", get("/sse/rooms/%2541").body(), "decoded once");
    assertEquals("data: the lobby\n\n", get("/sse/rooms/lobby").body());
    assertEquals("hello", get("/hello").body());
    assertEquals(404, get("/text").statusCode(), "the routes are under the prefix only");

    assertEquals(
        Set.of("/text", "/rooms/{room}", "/rooms/lobby"),
        sluice.stats().openStreamsByEndpoint().keySet(),
        "path templates, without the prefix");
    eventually(() -> sluice.stats().closed().get(CloseReason.COMPLETED) == 4L);
  }

  @Test
  void atTheRoot_servesItsRoutesAndHandsTheRestToNext_untouched() throws Exception {
    AtomicReference<String> nextSaw = new AtomicReference<>();
    sluice.handler(
        handler ->
            handler.next(
                exchange -> {
                  nextSaw.set(exchange.getRelativePath() + "?" + exchange.getQueryString());
                  HELLO.handleRequest(exchange);
                }));

    assertEquals(TEXT, get("/text").body());
    HttpResponse<String> other = get("/hello?x=1");
    assertEquals(200, other.statusCode());
    assertEquals("hello", other.body());
    assertEquals("/hello?x=1", nextSaw.get());
    assertEquals(0L, sluice.stats().refused().get(Refusal.NOT_FOUND), "next served it");
  }

  @Test
  void nestedUnderAPrefix_withNext_fallsThroughForUnservedPaths() throws Exception {
    sluice
        .handler(handler -> handler.next(HELLO))
        .routes(
            sse ->
                Handlers.path().addPrefixPath("/api", Handlers.path().addPrefixPath("/sse", sse)));

    assertEquals(TEXT, get("/api/sse/text").body());
    assertEquals("hello", get("/api/sse/not-an-endpoint").body());
  }

  @Test
  void withoutNext_anUnservedPathIs404_countedAsNotFound() throws Exception {
    sluice.routes(sse -> Handlers.path().addPrefixPath("/sse", sse));

    HttpResponse<String> missing = get("/sse/not-an-endpoint");
    assertEquals(404, missing.statusCode());
    assertEquals("Not Found: /sse/not-an-endpoint\n", missing.body());
    assertEquals(404, get("/elsewhere").statusCode()); // the PathHandler's own
    assertEquals(1L, sluice.stats().refused().get(Refusal.NOT_FOUND));
  }

  @Test
  void plainHandlersOfTheBuilder_areRoutedUnderThePrefixToo() throws Exception {
    sluice
        .handler(
            handler ->
                handler.handler(
                    "/plain/{name}",
                    exchange ->
                        exchange
                            .getResponseSender()
                            .send(
                                exchange
                                    .getAttachment(PathTemplateMatch.ATTACHMENT_KEY)
                                    .getParameters()
                                    .get("name"))))
        .routes(sse -> Handlers.path().addPrefixPath("/sse", sse));

    assertEquals("a/b", get("/sse/plain/a%2Fb").body());
  }

  @Test
  void close_endsEveryStreamWithTheShutdownEvent_andTheServerServesOn() throws Exception {
    sluice
        .handler(
            handler ->
                handler.shutdownEvent(
                    SseEvent.<String>builder().retry(Duration.ofSeconds(7)).build()))
        .routes(sse -> Handlers.path().addExactPath("/hello", HELLO).addPrefixPath("/sse", sse));
    EventReader publisher = open("/sse/hanging", "data: first\n\n");
    EventReader stream = open("/sse/blocking", "data: first\n\n");
    assertEquals(2, sluice.stats().openStreams());

    SseHandler sse = sluice.handler();
    sse.close();

    assertEquals("retry: 7000\n\n", publisher.next());
    assertNull(publisher.next(), "the response ended");
    assertEquals("retry: 7000\n\n", stream.next());
    assertNull(stream.next(), "the response ended");
    assertTrue(endpoints.blockingStreamClosed.await(5, TimeUnit.SECONDS), "Stream closed");
    assertTrue(endpoints.hanging.cancelled.await(5, TimeUnit.SECONDS), "publisher cancelled");
    assertEquals(0, sluice.stats().openStreams());
    assertEquals(2L, sluice.stats().closed().get(CloseReason.SHUTDOWN));
    assertEquals("hello", get("/hello").body(), "the server it is mounted in goes on");
    assertEquals(503, get("/sse/text").statusCode(), "no new streams after close");
    sse.close(); // idempotent
  }

  @Test
  void streamEndpoints_neverHoldTheServersIoOrWorkerThreads() throws Exception {
    sluice
        .undertow(undertow -> undertow.setIoThreads(1).setWorkerThreads(1))
        .routes(sse -> Handlers.path().addExactPath("/hello", HELLO).addPrefixPath("/sse", sse));
    for (int i = 0; i < 3; i++) {
      open("/sse/blocking", "data: first\n\n"); // each blocks its thread until closed
    }
    assertFalse(endpoints.streamThread.startsWith("XNIO-"), endpoints.streamThread);

    assertEquals("hello", get("/hello").body(), "the one I/O thread is free");
    assertEquals(
        "data: {\"x\":1,\"y\":2}\n\ndata: {\"x\":3,\"y\":4}\n\n",
        get("/sse/json").body(),
        "the one worker thread is free for publishers");
    eventually(() -> sluice.stats().openStreams() == 3); // the /json stream's exchange completes
  }

  @Test
  void behindAHandlerThatDispatchedToAWorker_streamsAndRefusalsStillWork() throws Exception {
    sluice.routes(sse -> exchange -> exchange.dispatch(sse));

    assertEquals(TEXT, get("/text").body());
    open("/blocking", "data: first\n\n");
    assertEquals(404, get("/not-an-endpoint").statusCode());
  }

  @Test
  void behindABlockingHandler_streamsAndRefusalsStillWork() throws Exception {
    sluice.routes(BlockingHandler::new);

    assertEquals(TEXT, get("/text").body());
    open("/hanging", "data: first\n\n");
    assertEquals(404, get("/not-an-endpoint").statusCode());
    assertEquals(
        405,
        sluice
            .httpClient()
            .send(
                HttpRequest.newBuilder(request("/text").uri())
                    .POST(HttpRequest.BodyPublishers.ofString("x"))
                    .build(),
                BodyHandlers.ofString())
            .statusCode());
  }
}
