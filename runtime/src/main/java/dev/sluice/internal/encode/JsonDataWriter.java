package dev.sluice.internal.encode;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.json.JsonWriteContext;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.sluice.encode.Utf8Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a value as JSON in the event's data, with a Jackson writer resolved once for the value's
 * declared type (such as {@code List<Point>}), straight into the output buffer.
 *
 * <p>Each thread keeps the generator that wrote its last value ({@link JsonOutput}), so an event
 * costs no generator, I/O context or buffer of its own: what is left is Jackson's per-call
 * serializer provider, which {@code ObjectWriter} creates for every value and does not let a caller
 * reuse.
 *
 * @param <T> the value type
 */
final class JsonDataWriter<T> implements DataWriter<T> {
  private final ObjectWriter writer;

  JsonDataWriter(ObjectWriter writer) {
    this.writer = writer.without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  }

  @Override
  public void writeData(T value, Utf8Buffer out) {
    int prefixAt = out.size();
    out.appendAscii("data: ");
    JsonOutput output = JsonOutput.into(out);
    boolean failed = true;
    try {
      JsonGenerator generator = output.generator(writer);
      writer.writeValue(generator, value);
      generator.flush();
      // A root value that is not the generator's first gets a separator: each event's is first.
      ((JsonWriteContext) generator.getOutputContext()).reset(JsonStreamContext.TYPE_ROOT);
      failed = false;
    } catch (IOException e) {
      // Utf8Buffer never fails, so this is Jackson refusing the value (no serializer, a cycle).
      throw new UncheckedIOException(
          "Cannot write " + value.getClass().getName() + " as JSON: " + e.getMessage(), e);
    } finally {
      output.release(failed);
      if (failed) {
        out.truncate(prefixAt);
      }
    }
    SseWire.splitDataLines(out, prefixAt);
    out.append((byte) '\n');
  }
}
