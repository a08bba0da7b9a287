package dev.sluice.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.SseServer;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What ends a connection, and what the client does next: reconnects after {@code retry} with {@code
 * Last-Event-ID}, stops at 204, waits out a 5xx's {@code Retry-After}, fails on any other answer
 * and on an event too large, and takes a silent connection as lost.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionLifecycleTest {
  private final ClientEndpoints endpoints = new ClientEndpoints();
  private SseServer server;

  private SseClient start(SseServer.Builder builder, SseClient.Builder client) {
    server = builder.port(0).register(endpoints).start();
    return client.baseUri(URI.create("http://127.0.0.1:" + server.port() + "/")).build();
  }

  private SseClient start() {
    return start(SseServer.builder(), SseClient.builder());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void endOfResponse_reconnectsAfterRetry_sendingLastEventId_andLosesNothing() throws Exception {
    SseClient client = start();
    try (EventStream<MessageEvent<String>> counter = client.messages("/counter")) {
      List<MessageEvent<String>> nine = counter.take(9);
      for (int i = 1; i <= 9; i++) {
        assertEquals(new MessageEvent<>("message", "e" + i, "" + i), nine.get(i - 1));
      }
    }
    assertEquals(
        List.of("", "3", "6"),
        List.of(
            endpoints.counterRequests.take(),
            endpoints.counterRequests.take(),
            endpoints.counterRequests.take()),
        "each reconnect resumed after the last id it saw");
  }

  @Test
  void noContent_stopsReconnecting_andEndsTheStream() {
    SseClient client = start();
    try (EventStream<String> stops = client.events("/stops", String.class)) {
      assertEquals(List.of("a", "b"), stops.toList());
    }
  }

  @Test
  void serverUnavailableWithRetryAfter_isRetried() {
    AtomicInteger requests = new AtomicInteger();
    HttpHandler busyOnce =
        exchange -> {
          if (requests.incrementAndGet() == 1) {
            exchange.setStatusCode(503);
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "0");
            exchange.getResponseSender().send("busy");
          } else {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream");
            exchange.getResponseSender().send("data: served\n\n");
          }
        };
    SseClient client = start(SseServer.builder().handler("/busy", busyOnce), SseClient.builder());
    try (EventStream<String> busy = client.events("/busy", String.class)) {
      assertEquals("served", busy.next());
    }
    assertTrue(requests.get() >= 2, "retried after the 503");
  }

  @Test
  void serverErrorWithoutRetryAfter_fails() {
    SseClient client = start();
    try (EventStream<String> fails = client.events("/fails", String.class)) {
      SseResponseException failure = assertThrows(SseResponseException.class, fails::next);
      assertEquals(500, failure.statusCode());
    }
  }

  @Test
  void otherStatus_failsWithTheStatusAndTheBody() {
    SseClient client = start();
    try (EventStream<String> refused = client.events("/refuses", String.class)) {
      SseResponseException failure = assertThrows(SseResponseException.class, refused::next);
      assertEquals(403, failure.statusCode());
      assertEquals("Not for you", failure.body().strip());
      assertTrue(failure.getMessage().contains("403"), failure.getMessage());
    }
    try (EventStream<String> missing = client.events("/no-such-stream", String.class)) {
      assertEquals(404, assertThrows(SseResponseException.class, missing::next).statusCode());
    }
  }

  @Test
  void wrongContentType_fails() {
    HttpHandler page =
        exchange -> {
          exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html");
          exchange.getResponseSender().send("data: not an event stream\n\n");
        };
    SseClient client = start(SseServer.builder().handler("/page", page), SseClient.builder());
    try (EventStream<String> stream = client.events("/page", String.class)) {
      SseResponseException failure = assertThrows(SseResponseException.class, stream::next);
      assertEquals(200, failure.statusCode());
      assertTrue(failure.getMessage().contains("text/html"), failure.getMessage());
    }
  }

  @Test
  void hugeErrorPage_isReadOnlyInPart() {
    byte[] page = new byte[4 * 1024 * 1024];
    Arrays.fill(page, (byte) 'x');
    HttpHandler huge =
        exchange -> {
          exchange.setStatusCode(400);
          exchange.getResponseSender().send(ByteBuffer.wrap(page));
        };
    SseClient client = start(SseServer.builder().handler("/huge", huge), SseClient.builder());
    try (EventStream<String> stream = client.events("/huge", String.class)) {
      SseResponseException failure = assertThrows(SseResponseException.class, stream::next);
      assertTrue(failure.body().length() <= 4096, "body kept: " + failure.body().length());
    }
  }

  @Test
  void lineOverMaxEventSize_failsTheStream_insteadOfFillingMemory() {
    byte[] line = new byte[2 * 1024 * 1024];
    Arrays.fill(line, (byte) 'a');
    HttpHandler hostile =
        exchange -> {
          exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream");
          exchange.getResponseSender().send(ByteBuffer.wrap(line)); // no line end, ever
        };
    SseClient client =
        start(
            SseServer.builder().handler("/hostile", hostile),
            SseClient.builder().maxEventSize(64 * 1024));
    try (EventStream<String> stream = client.events("/hostile", String.class)) {
      SseClientException failure = assertThrows(SseClientException.class, stream::next);
      assertTrue(failure.getMessage().contains("maxEventSize"), failure.getMessage());
    }
  }

  @Test
  void silentConnection_isLostAfterTheReadTimeout() {
    SseClient client =
        start(SseServer.builder(), SseClient.builder().readTimeout(Duration.ofMillis(300)));
    try (EventStream<String> held = client.request("/held").reconnect(false).events(String.class)) {
      assertEquals("first", held.next());
      SseTimeoutException failure = assertThrows(SseTimeoutException.class, held::next);
      assertTrue(failure.getMessage().contains("read timeout"), failure.getMessage());
    }
  }

  @Test
  void silentConnection_isReconnected_withReconnects() {
    SseClient client =
        start(
            SseServer.builder(),
            SseClient.builder()
                .readTimeout(Duration.ofMillis(300))
                .reconnectDelay(Duration.ofMillis(10)));
    try (EventStream<String> held = client.events("/held", String.class)) {
      assertEquals(List.of("first", "first"), held.take(2), "the second from a new connection");
    }
  }

  @Test
  void heartbeats_resetTheReadTimeout() throws Exception {
    SseClient client =
        start(SseServer.builder(), SseClient.builder().readTimeout(Duration.ofSeconds(1)));
    try (EventStream<String> stream =
        client.request("/heartbeats").reconnect(false).events(String.class)) {
      Await.until(() -> endpoints.later.getNumberOfSubscribers() == 1, () -> "subscribed");
      endpoints.later.submit("first");
      assertEquals("first", stream.next());
      long before = server.stats().heartbeats();
      // 40 heartbeats 50 ms apart take 2 s, twice the read timeout: only they kept it open.
      Await.until(() -> server.stats().heartbeats() >= before + 40, () -> "heartbeats sent");
      endpoints.later.submit("second");
      assertEquals("second", stream.next());
    }
  }

  @Test
  void refusedConnection_isRetried_untilTheServerIsBack() throws Exception {
    SseClient client =
        start(
            SseServer.builder(),
            SseClient.builder()
                .reconnectDelay(Duration.ofMillis(10))
                .maxReconnectDelay(Duration.ofMillis(200)));
    int port = server.port();
    server.close();
    try (EventStream<String> text = client.events("/text", String.class)) {
      // Connections are refused a few times before the server listens again.
      Thread.sleep(300);
      server = SseServer.builder().port(port).register(endpoints).start();
      assertEquals("one", text.next());
    }
  }
}
