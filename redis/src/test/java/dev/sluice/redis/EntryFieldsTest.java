package dev.sluice.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.SseEvent;
import dev.sluice.spi.BroadcastJournal;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An event as a stream entry's fields and back. */
class EntryFieldsTest {
  record Point(int x, int y) {}

  private final ObjectMapper mapper = new ObjectMapper();
  private final EntryFields<Point> points =
      new EntryFields<>(mapper, mapper.constructType(Point.class));
  private final EntryFields<String> texts =
      new EntryFields<>(mapper, mapper.constructType(String.class));

  @Test
  void everyField_roundTrips() throws IOException {
    SseEvent<Point> event =
        SseEvent.builder()
            .data(new Point(1, 2))
            .event("moved")
            .retry(Duration.ofMillis(1500))
            .comment("two\nlines")
            .build();
    Map<String, String> fields = points.encode(event, "k");
    assertEquals(
        Map.of(
            "data",
            "{\"x\":1,\"y\":2}",
            "event",
            "moved",
            "retry",
            "1500",
            "comment",
            "two\nlines",
            "key",
            "k"),
        fields);

    BroadcastJournal.Entry<Point> entry = points.decode("5-0", fields);
    assertEquals("5-0", entry.id());
    assertEquals("k", entry.key());
    assertEquals(event, entry.event());
  }

  @Test
  void textIsJsonInRedis_andForcedJsonIsKept() throws IOException {
    assertEquals(Map.of("data", "\"hi\""), texts.encode(SseEvent.of("hi"), null));
    SseEvent<String> forced = SseEvent.builder().json("quoted").build();
    Map<String, String> fields = texts.encode(forced, null);
    assertEquals(Map.of("data", "\"quoted\"", "json", "1"), fields);
    assertTrue(texts.decode("1-0", fields).event().isJson());
  }

  @Test
  void eventWithoutData_hasNoDataField() throws IOException {
    SseEvent<Point> comment = SseEvent.<Point>builder().comment("ping").build();
    assertEquals(Map.of("comment", "ping"), points.encode(comment, null));
    assertEquals(comment, points.decode("1-0", Map.of("comment", "ping")).event());
  }

  @Test
  void fieldsOfNoEvent_areRejected() {
    assertThrows(IOException.class, () -> points.decode("1-0", Map.of("data", "{oops")));
    assertThrows(IllegalArgumentException.class, () -> points.decode("1-0", Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> points.decode("1-0", Map.of("comment", "c", "event", "two\nlines")));
    assertThrows(
        NumberFormatException.class,
        () -> points.decode("1-0", Map.of("comment", "c", "retry", "soon")));
  }
}
