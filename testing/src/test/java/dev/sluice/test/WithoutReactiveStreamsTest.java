package dev.sluice.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.client.EventStream;
import dev.sluice.client.SseClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runtime's reactive-streams dependency is optional, so this module's class path, like that of
 * a user who returns no Reactive Streams publisher, lacks the jar: the server still serves
 * publishers and streams, since only the routes of endpoints returning such a publisher touch the
 * adapter that needs it.
 */
@SluiceTest(endpoints = PlainPublisherEndpoints.class)
class WithoutReactiveStreamsTest {
  @Test
  void reactiveStreams_isNotOnTheClassPath() {
    assertThrows(
        ClassNotFoundException.class, () -> Class.forName("org.reactivestreams.Publisher"));
  }

  @Test
  void flowPublisher_isServedWithoutIt(SseClient client) {
    try (EventStream<String> events =
        client.request("/published").reconnect(false).events(String.class)) {
      assertEquals(List.of("published"), events.toList());
    }
  }

  @Test
  void stream_isServedWithoutIt(SseClient client) {
    try (EventStream<String> events =
        client.request("/streamed").reconnect(false).events(String.class)) {
      assertEquals(List.of("streamed"), events.toList());
    }
  }
}
