package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SseEventTest {
  record Point(int x, int y) {}

  private static String rejection(Executable build) {
    return assertThrows(IllegalArgumentException.class, build).getMessage();
  }

  @Test
  void builder_dataFixesTheType_soAStreamOfEventsNeedsNoWitness() {
    Stream<SseEvent<Point>> s = Stream.of(SseEvent.builder().data(new Point(1, 2)).id("1").build());

    List<SseEvent<Point>> events = s.collect(Collectors.toList());
    assertEquals(new Point(1, 2), events.get(0).data());
    assertEquals("1", events.get(0).id());
    assertFalse(events.get(0).isJson());
  }

  @Test
  void builder_withoutData_takesTheTypeAsAWitness() {
    SseEvent<String> ping = SseEvent.<String>builder().comment("ping").build();

    assertEquals("ping", ping.comment());
    assertNull(ping.data());
  }

  @Test
  void builder_fieldsSetBeforeData_areKept() {
    SseEvent<String> event =
        SseEvent.<String>builder()
            .event("e")
            .id("1")
            .retry(Duration.ofSeconds(1))
            .comment("c")
            .data("d")
            .build();

    assertEquals("e", event.event());
    assertEquals("1", event.id());
    assertEquals(Duration.ofSeconds(1), event.retry());
    assertEquals("c", event.comment());
    assertEquals("d", event.data());
  }

  @Test
  void builder_json_marksTheDataAsJson_andDataUnmarksIt() {
    assertTrue(SseEvent.builder().json("hi").build().isJson());
    assertFalse(SseEvent.builder().json("hi").data("hi").build().isJson());
  }

  @Test
  void of_isAnEventWithOnlyData() {
    SseEvent<String> event = SseEvent.of("x");

    assertEquals("x", event.data());
    assertNull(event.event());
    assertNull(event.id());
    assertNull(event.retry());
    assertNull(event.comment());
    assertEquals(SseEvent.builder().data("x").build(), event);
  }

  @Test
  void eventNameWithLf_isRejected() {
    assertEquals(
        "SseEvent event name must not contain CR or LF, which end the field on the wire: \"a\\nb\"",
        rejection(() -> SseEvent.builder().data("x").event("a\nb").build()));
  }

  @Test
  void eventNameWithCr_isRejected() {
    assertEquals(
        "SseEvent event name must not contain CR or LF, which end the field on the wire: \"a\\rb\"",
        rejection(() -> SseEvent.builder().data("x").event("a\rb").build()));
  }

  @Test
  void blankEventName_isRejected_asTheProcessorRejectsIt() {
    assertEquals(
        "SseEvent event name must not be blank: no listener can be added for it; leave the name"
            + " out for the default \"message\": \" \"",
        rejection(() -> SseEvent.builder().data("x").event(" ").build()));
    assertEquals(
        "SseEvent event name must not be blank: no listener can be added for it; leave the name"
            + " out for the default \"message\": \"\"",
        rejection(() -> SseEvent.builder().data("x").event("").build()));
  }

  @Test
  void idWithLf_isRejected() {
    assertEquals(
        "SseEvent id must not contain CR or LF, which end the field on the wire: \"a\\nb\"",
        rejection(() -> SseEvent.builder().data("x").id("a\nb").build()));
  }

  @Test
  void idWithCr_isRejected() {
    assertEquals(
        "SseEvent id must not contain CR or LF, which end the field on the wire: \"\\r\"",
        rejection(() -> SseEvent.builder().data("x").id("\r").build()));
  }

  @Test
  void idWithNul_isRejected() {
    assertEquals(
        "SseEvent id must not contain NUL: clients ignore such an id: \"a\\0b\"",
        rejection(() -> SseEvent.builder().data("x").id("a\0b").build()));
  }

  @Test
  void eventNameWithNul_isAccepted() {
    // Only the id is ignored by clients when it holds NUL; an event name with NUL is delivered.
    assertEquals("a\0b", SseEvent.builder().data("x").event("a\0b").build().event());
  }

  @Test
  void negativeRetry_isRejected() {
    assertEquals(
        "SseEvent retry must not be negative: PT-0.001S",
        rejection(() -> SseEvent.builder().retry(Duration.ofMillis(-1))));
  }

  @Test
  void zeroRetry_isAccepted() {
    assertEquals(Duration.ZERO, SseEvent.<String>builder().retry(Duration.ZERO).build().retry());
  }

  @Test
  void emptyEvent_isRejected() {
    assertEquals(
        "SseEvent needs data, a comment, an id or a retry; this one has none",
        rejection(() -> SseEvent.builder().build()));
  }

  @Test
  void eventNameOnly_isRejectedAsEmpty() {
    // "event: x\n\n" has no effect on a client: with no data nothing is dispatched, and the
    // event type buffer is reset. The message lists what an event needs, and a name isn't in it.
    assertEquals(
        "SseEvent needs data, a comment, an id or a retry; this one has none",
        rejection(() -> SseEvent.<String>builder().event("x").build()));
  }

  @Test
  void nullArguments_areRejectedWithTheFieldName() {
    SseEvent.Builder<String> builder = SseEvent.builder();

    assertEquals(
        "data", assertThrows(NullPointerException.class, () -> builder.data(null)).getMessage());
    assertEquals(
        "event", assertThrows(NullPointerException.class, () -> builder.event(null)).getMessage());
    assertEquals(
        "id", assertThrows(NullPointerException.class, () -> builder.id(null)).getMessage());
  }

  @Test
  void equalsAndHashCode_coverEveryField() {
    SseEvent<String> event = full().build();

    assertEquals(event, event);
    assertEquals(full().build(), event);
    assertEquals(full().build().hashCode(), event.hashCode());
    assertNotEquals(event, null);
    assertNotEquals(event, "d");
    assertNotEquals(full().data("other").build(), event);
    assertNotEquals(full().json("d").build(), event);
    assertNotEquals(full().event("other").build(), event);
    assertNotEquals(full().id("other").build(), event);
    assertNotEquals(full().retry(Duration.ofMillis(11)).build(), event);
    assertNotEquals(full().comment("other").build(), event);
    assertNotEquals(SseEvent.of("d"), event);
  }

  @Test
  void equals_dataOfDifferentTypes_areNotEqual() {
    assertNotEquals(SseEvent.of(1), SseEvent.of(1L));
    assertEquals(SseEvent.of(new Point(1, 2)), SseEvent.of(new Point(1, 2)));
    assertEquals(SseEvent.of(new Point(1, 2)).hashCode(), SseEvent.of(new Point(1, 2)).hashCode());
  }

  private static SseEvent.Builder<String> full() {
    return SseEvent.<String>builder()
        .data("d")
        .event("e")
        .id("1")
        .retry(Duration.ofMillis(10))
        .comment("c");
  }
}
