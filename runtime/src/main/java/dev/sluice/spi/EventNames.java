package dev.sluice.spi;

import dev.sluice.SseEvent;
import dev.sluice.encode.SseEncoder;
import dev.sluice.encode.Utf8Buffer;
import dev.sluice.wire.EventFields;
import java.util.Objects;

/**
 * Event names for generated routes, from {@code @SseEventName}: an encoder that sends each element
 * with {@code event: name} before what the wrapped encoder writes. Field order within an event does
 * not matter to clients, and writing the name first keeps the wrapped encoder's own output as it
 * is.
 */
public final class EventNames {
  private EventNames() {}

  /** Elements of a named type, each sent with {@code event: name}. */
  public static <T> SseEncoder<T> named(String name, SseEncoder<T> encoder) {
    byte[] field = field(name);
    Objects.requireNonNull(encoder, "encoder");
    return (element, out) -> {
      int start = out.size();
      out.append(field);
      encode(encoder, element, out, start);
    };
  }

  /**
   * {@code SseEvent}s whose data is of a named type: an event with data and without an event name
   * of its own is sent with {@code event: name}; any other as the wrapped encoder writes it.
   */
  public static <T> SseEncoder<SseEvent<T>> namedEvents(
      String name, SseEncoder<SseEvent<T>> encoder) {
    byte[] field = field(name);
    Objects.requireNonNull(encoder, "encoder");
    return (event, out) -> {
      Objects.requireNonNull(event, "the endpoint produced a null SseEvent");
      int start = out.size();
      if (event.event() == null && event.data() != null) {
        out.append(field);
      }
      encode(encoder, event, out, start);
    };
  }

  /**
   * The event as one of a subtype of its data, once the route checked its data with {@code
   * instanceof}: {@code SseEvent} is read-only, so the cast is safe.
   */
  @SuppressWarnings("unchecked")
  public static <T> SseEvent<T> narrow(SseEvent<?> event) {
    return (SseEvent<T>) event;
  }

  private static <T> void encode(SseEncoder<T> encoder, T element, Utf8Buffer out, int start) {
    try {
      encoder.encode(element, out);
    } catch (RuntimeException e) {
      out.truncate(start); // never leave a name without its event in the event stream
      throw e;
    }
  }

  /** The field line {@code event: name}, once the name is known to fit on it. */
  private static byte[] field(String name) {
    Objects.requireNonNull(name, "name");
    if (EventFields.nameProblem(name) != null) {
      throw new IllegalArgumentException("Not an event name: \"" + name + "\"");
    }
    // As every field is written: a lone surrogate as U+FFFD, where String.getBytes writes '?'.
    return new Utf8Buffer(16)
        .appendAscii("event: ")
        .appendUtf8(name)
        .append((byte) '\n')
        .toByteArray();
  }
}
