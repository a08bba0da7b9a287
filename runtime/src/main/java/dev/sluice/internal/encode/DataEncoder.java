package dev.sluice.internal.encode;

import dev.sluice.encode.SseEncoder;
import dev.sluice.encode.Utf8Buffer;
import java.util.Objects;

/**
 * Encodes a plain element (not an {@code SseEvent}) as an event holding only data.
 *
 * @param <T> the element type
 */
final class DataEncoder<T> implements SseEncoder<T> {
  private final DataWriter<T> data;

  DataEncoder(DataWriter<T> data) {
    this.data = Objects.requireNonNull(data, "data");
  }

  @Override
  public void encode(T element, Utf8Buffer out) {
    data.writeData(Objects.requireNonNull(element, "the endpoint produced a null element"), out);
    SseWire.end(out);
  }
}
