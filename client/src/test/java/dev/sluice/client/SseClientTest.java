package dev.sluice.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.sluice.SseServer;
import io.undertow.util.Headers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Reading a real SseServer over a socket: text, typed data, both forms, both HTTP versions. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SseClientTest {
  private final ClientEndpoints endpoints = new ClientEndpoints();
  private SseServer server;
  private SseClient client;

  @BeforeEach
  void start() {
    server =
        SseServer.builder()
            .port(0)
            .register(endpoints)
            // Which protocol a request came over, as an event stream of one event.
            .handler(
                "/protocol",
                exchange -> {
                  exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream");
                  exchange.getResponseSender().send("data: " + exchange.getProtocol() + "\n\n");
                })
            .start();
    client = SseClient.builder().baseUri(base()).reconnect(false).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + server.port() + "/");
  }

  @Test
  void text_readsEveryEventAsTheServerWroteIt() {
    try (EventStream<String> text = client.events("/text", String.class)) {
      assertEquals(List.of("one", "two\nlines", " leading space", "", "😀 ünï"), text.toList());
    }
  }

  @Test
  void messages_carryTypeAndLastEventId_andCommentsAreNotEvents() {
    try (EventStream<MessageEvent<Point>> named = client.request("/named").messages(Point.class)) {
      assertEquals(
          List.of(
              new MessageEvent<>("moved", new Point(5, 6), "7"),
              new MessageEvent<>("message", new Point(7, 8), "7")),
          named.toList());
    }
  }

  @Test
  void sealedType_eachEventIsReadAsTheSubtypeItsNameSays() {
    try (EventStream<MessageEvent<ChatEvent>> chat =
        client.request("/chat").messages(ChatEvent.class)) {
      assertEquals(
          List.of(
              new MessageEvent<>("joined", new ChatEvent.Joined("ada"), ""),
              new MessageEvent<>("said", new ChatEvent.Said("ada", "hi"), ""),
              new MessageEvent<>("left", new ChatEvent.Left("ada"), "")),
          chat.toList());
    }
  }

  @Test
  void sealedClassWithInstances_itsOwnNameReadsBackAsIt_asTheServerNamedIt() {
    try (EventStream<MessageEvent<Notice>> notices =
        client.request("/notices").messages(Notice.class)) {
      assertEquals(
          List.of(
              new MessageEvent<>("notice", new Notice("a"), ""),
              new MessageEvent<>("urgent", new Notice.Urgent("b"), ""),
              new MessageEvent<>("notice", new Notice("c"), "")),
          notices.toList());
    }
  }

  @Test
  void sealedType_anEventNamedForNoSubtype_isAnErrorThatSaysWhich() {
    try (EventStream<ChatEvent> chat = client.events("/chat-and-other", ChatEvent.class)) {
      assertEquals(new ChatEvent.Joined("bo"), chat.next());
      SseClientException e = assertThrows(SseClientException.class, chat::next);
      assertTrue(
          e.getMessage().contains("\"gone\"") && e.getMessage().contains("joined"), e.getMessage());
    }
  }

  @Test
  void json_isDecodedIntoTheRequestedType() {
    try (EventStream<Point> points = client.events("/points", Point.class)) {
      assertEquals(List.of(new Point(1, 2), new Point(3, 4)), points.toList());
    }
  }

  @Test
  void json_isDecodedIntoAGenericType() {
    try (EventStream<List<Point>> lists =
        client.request("/lists").events(new TypeReference<List<Point>>() {})) {
      assertEquals(List.of(List.of(new Point(1, 2), new Point(3, 4))), lists.toList());
    }
  }

  @Test
  void dataThatIsNotTheType_failsTheStream_sayingWhy() {
    try (EventStream<Point> text = client.events("/text", Point.class)) {
      SseClientException failure = assertThrows(SseClientException.class, text::next);
      assertTrue(failure.getMessage().contains("Point"), failure.getMessage());
      assertThrows(SseClientException.class, text::next, "and every read after");
    }
  }

  @Test
  void endOfStream_withoutReconnect_isTheEndOfTheIteration() {
    try (EventStream<String> text = client.events("/text", String.class)) {
      List<String> read = new ArrayList<>();
      for (String event : text) {
        read.add(event);
      }
      assertEquals(5, read.size());
      assertFalse(text.hasNext());
      assertThrows(NoSuchElementException.class, text::next);
    }
  }

  @Test
  void lastEventId_isSentOnTheFirstRequest() {
    try (EventStream<String> echo =
        client.request("/echo-id").lastEventId("41").events(String.class)) {
      assertEquals("41", echo.next());
    }
  }

  @Test
  void headers_areSent() {
    server.close();
    server =
        SseServer.builder()
            .port(0)
            .handler(
                "/auth",
                exchange -> {
                  exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream");
                  exchange
                      .getResponseSender()
                      .send(
                          "data: "
                              + exchange.getRequestHeaders().getFirst("Authorization")
                              + " "
                              + exchange.getRequestHeaders().getFirst("X-Request")
                              + " "
                              + exchange.getRequestHeaders().getFirst("Accept")
                              + "\n\n");
                })
            .start();
    SseClient withHeader =
        SseClient.builder()
            .baseUri(base())
            .reconnect(false)
            .header("Authorization", "Bearer t")
            .build();
    try (EventStream<String> auth =
        withHeader.request("/auth").header("X-Request", "r").events(String.class)) {
      assertEquals("Bearer t r text/event-stream", auth.next());
    }
  }

  @Test
  void publisher_deliversOnlyWhatIsRequested_andCancelDisconnects() throws Exception {
    List<String> received = new ArrayList<>();
    CompletableFuture<Flow.Subscription> subscribed = new CompletableFuture<>();
    CompletableFuture<Void> gotTwo = new CompletableFuture<>();
    client
        .request("/endless")
        .publisher()
        .subscribe(
            new Flow.Subscriber<>() {
              @Override
              public void onSubscribe(Flow.Subscription subscription) {
                subscribed.complete(subscription);
                subscription.request(2);
              }

              @Override
              public synchronized void onNext(MessageEvent<String> event) {
                received.add(event.data());
                if (received.size() == 2) {
                  gotTwo.complete(null);
                }
              }

              @Override
              public void onError(Throwable failure) {
                gotTwo.completeExceptionally(failure);
              }

              @Override
              public void onComplete() {
                gotTwo.completeExceptionally(new AssertionError("an endless stream completed"));
              }
            });
    gotTwo.get(20, TimeUnit.SECONDS);
    Await.until(() -> server.stats().openStreams() == 1, () -> "the stream opened");
    subscribed.get().cancel();

    Await.until(
        () -> server.stats().openStreams() == 0,
        () -> "cancel closed the stream: " + server.stats());
    synchronized (this) {
      assertEquals(List.of("event-0", "event-1"), received, "two asked for, two delivered");
    }
  }

  @Test
  void close_disconnects() {
    EventStream<String> endless = client.events("/endless", String.class);
    assertEquals("event-0", endless.next());
    endless.close();

    Await.until(
        () -> server.stats().openStreams() == 0,
        () -> "close closed the stream: " + server.stats());
    assertFalse(endless.hasNext(), "a closed stream has ended");
  }

  @Test
  void http11_isSpokenWhenAskedFor() {
    SseClient http11 =
        SseClient.builder()
            .baseUri(base())
            .reconnect(false)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    assertEquals("HTTP/1.1", http11.events("/protocol", String.class).next());
    assertEquals(
        List.of("one", "two\nlines", " leading space", "", "😀 ünï"),
        http11.events("/text", String.class).toList());
  }

  @Test
  void http2_overTheCleartextUpgrade() throws Exception {
    HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    // The JDK client upgrades on its first request, and sends the next ones as HTTP/2.
    http2.send(HttpRequest.newBuilder(base().resolve("/text")).build(), BodyHandlers.discarding());
    SseClient client =
        SseClient.builder().baseUri(base()).reconnect(false).httpClient(http2).build();

    assertEquals("HTTP/2.0", client.events("/protocol", String.class).next());
    assertEquals(
        List.of("one", "two\nlines", " leading space", "", "😀 ünï"),
        client.events("/text", String.class).toList());
    try (EventStream<String> endless = client.events("/endless", String.class)) {
      assertEquals(List.of("event-0", "event-1", "event-2"), endless.take(3));
    }
    Await.until(
        () -> server.stats().openStreams() == 0,
        () -> "closing reset the HTTP/2" + " stream: " + server.stats());
  }

  @Test
  void awaitOpen_returnsOnceTheServerAnsweredWithAStream() {
    try (EventStream<String> held = client.events("/held", String.class).awaitOpen()) {
      assertEquals(1, server.stats().openStreams(), "counted before it is answered");
      assertEquals("first", held.next());
    }
    try (EventStream<String> missing = client.events("/nowhere", String.class).awaitOpen()) {
      assertEquals(404, assertThrows(SseResponseException.class, missing::next).statusCode());
    }
  }
}
