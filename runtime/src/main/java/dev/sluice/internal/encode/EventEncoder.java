package dev.sluice.internal.encode;

import dev.sluice.SseEvent;
import dev.sluice.encode.SseEncoder;
import dev.sluice.encode.Utf8Buffer;
import java.util.Objects;

/**
 * Encodes an {@link SseEvent}: comment, retry, id and event name, then its data through the writer
 * chosen for the endpoint's data type, or as JSON when the event was built with {@code json(..)}.
 *
 * @param <T> the data type
 */
final class EventEncoder<T> implements SseEncoder<SseEvent<T>> {
  private final DataWriter<T> data;
  private final DataWriter<Object> forcedJson;

  /**
   * @param data writes the data of events built with {@code data(..)}
   * @param forcedJson writes the data of events built with {@code json(..)}
   */
  EventEncoder(DataWriter<T> data, DataWriter<Object> forcedJson) {
    this.data = Objects.requireNonNull(data, "data");
    this.forcedJson = Objects.requireNonNull(forcedJson, "forcedJson");
  }

  @Override
  public void encode(SseEvent<T> event, Utf8Buffer out) {
    Objects.requireNonNull(event, "the endpoint produced a null SseEvent");
    int start = out.size();
    try {
      if (event.comment() != null) {
        SseWire.comment(event.comment(), out);
      }
      if (event.retry() != null) {
        SseWire.retry(event.retry().toMillis(), out);
      }
      if (event.id() != null) {
        SseWire.field("id: ", event.id(), out);
      }
      if (event.event() != null) {
        SseWire.field("event: ", event.event(), out);
      }
      if (event.data() != null) {
        if (event.isJson()) {
          forcedJson.writeData(event.data(), out);
        } else {
          data.writeData(event.data(), out);
        }
      }
      SseWire.end(out);
    } catch (RuntimeException e) {
      out.truncate(start); // never leave half an event in the event stream
      throw e;
    }
  }
}
