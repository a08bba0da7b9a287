package dev.sluice.encode;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a value as JSON in the event's data, with a Jackson writer resolved once for the
 * value's declared type (such as {@code List<Point>}), straight into the output buffer.
 *
 * @param <T> the value type
 */
public final class JsonDataWriter<T> implements DataWriter<T> {
  private final ObjectWriter writer;

  public JsonDataWriter(ObjectWriter writer) {
    this.writer = writer.without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  }

  @Override
  public void writeData(T value, Utf8Buffer out) {
    int prefixAt = out.size();
    out.appendAscii("data: ");
    try {
      writer.writeValue(out.asOutputStream(), value);
    } catch (IOException e) {
      out.truncate(prefixAt);
      // Utf8Buffer never fails, so this is Jackson refusing the value (no serializer, a cycle).
      throw new UncheckedIOException(
          "Cannot write " + value.getClass().getName() + " as JSON: " + e.getMessage(), e);
    }
    SseWire.splitDataLines(out, prefixAt);
    out.append((byte) '\n');
  }
}
