package dev.sluice.samples.named;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.samples.Bodies;
import dev.sluice.test.SluiceExtension;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code @SseEventName} and sealed element types, over a real socket. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class NamedEventsTest {
  private final NamedEventEndpoints endpoints = new NamedEventEndpoints();

  @RegisterExtension
  final SluiceExtension sluice =
      SluiceExtension.serving(endpoints).http(http -> http.version(HttpClient.Version.HTTP_1_1));

  private String body(String path) throws Exception {
    return Bodies.of(sluice, path);
  }

  @Test
  void namedType_sendsItsName() throws Exception {
    assertEquals(
        "event: tick\ndata: {\"n\":1}\n\nevent: tick\ndata: {\"n\":2}\n\n", body("/named/ticks"));
  }

  @Test
  void sealedType_namesEachEventAfterItsSubtype() throws Exception {
    assertEquals(
        "event: joined\ndata: {\"user\":\"ada\"}\n\n"
            + "event: said\ndata: {\"user\":\"ada\",\"text\":\"hello\"}\n\n"
            + "event: left\ndata: {\"user\":\"ada\",\"reason\":\"bye\"}\n\n",
        body("/named/chat"));
  }

  @Test
  void sseEventsOfASealedType_areNamedUnlessTheyHaveANameOfTheirOwn() throws Exception {
    assertEquals(
        "event: joined\nid: 1\ndata: {\"user\":\"bob\"}\n\n"
            + "event: custom\ndata: {\"user\":\"bob\",\"text\":\"hi\"}\n\n"
            + ": no data, no name\n\n",
        body("/named/chat-events"));
  }

  /** Before subtypes were dispatched, Jackson wrote a sealed interface as an empty bean: none. */
  @Test
  void sealedTypeWithoutNames_writesEachSubtypesFields() throws Exception {
    assertEquals("data: {\"radius\":1.5}\n\ndata: {\"side\":2.0}\n\n", body("/named/shapes"));
  }

  @Test
  void broadcastOfASealedType_namesEveryEventAndKeepsItsNotice() throws Exception {
    HttpResponse<InputStream> response =
        sluice
            .httpClient()
            .send(
                sluice.request("/named/room?lastEventId=unknown").build(),
                BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());
    try (BufferedReader events =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String notice = readEvent(events);
      assertTrue(notice.contains("event: sluice-history-lost\n"), notice);
      assertTrue(notice.contains("data: \"unknown\"\n"), notice);

      endpoints.room.publish(new ChatEvent.Said("cy", "late"));

      String said = readEvent(events);
      assertTrue(said.startsWith("event: said\nid: "), said);
      assertTrue(said.endsWith("data: {\"user\":\"cy\",\"text\":\"late\"}\n"), said);
    }
  }

  /** The lines of the next event, each ending in LF, without the blank line. */
  private static String readEvent(BufferedReader events) throws Exception {
    StringBuilder event = new StringBuilder();
    for (String line = events.readLine(); line != null; line = events.readLine()) {
      if (line.isEmpty()) {
        if (event.length() > 0) {
          return event.toString();
        }
        continue;
      }
      if (!line.startsWith(":")) {
        event.append(line).append('\n');
      }
    }
    return event.toString();
  }
}
