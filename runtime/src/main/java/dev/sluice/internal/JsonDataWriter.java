package dev.sluice.internal;

import com.fasterxml.jackson.core.JsonFactory;
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
 * <p>Each output buffer keeps the generator that wrote into it for the next value, so an event
 * costs no generator, I/O context or buffer of its own: what is left is Jackson's per-call
 * serializer provider, which {@code ObjectWriter} creates for every value and does not let a caller
 * reuse.
 *
 * @param <T> the value type
 */
final class JsonDataWriter<T> implements DataWriter<T> {
  private static final RuntimeAccess.Buffers BUFFERS = RuntimeAccess.buffers();

  private final ObjectWriter writer;

  JsonDataWriter(ObjectWriter writer) {
    this.writer = writer.without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  }

  @Override
  public void writeData(T value, Utf8Buffer out) {
    int prefixAt = out.size();
    out.appendAscii("data: ");
    try {
      JsonGenerator generator = generatorFor(out);
      writer.writeValue(generator, value);
      generator.flush();
      // A root value that is not the generator's first gets a separator: each event's is first.
      ((JsonWriteContext) generator.getOutputContext()).reset(JsonStreamContext.TYPE_ROOT);
    } catch (IOException e) {
      failed(out, prefixAt);
      // Utf8Buffer never fails, so this is Jackson refusing the value (no serializer, a cycle).
      throw new UncheckedIOException(
          "Cannot write " + value.getClass().getName() + " as JSON: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      failed(out, prefixAt);
      throw e;
    }
    SseWire.splitDataLines(out, prefixAt);
    out.append((byte) '\n');
  }

  private static void failed(Utf8Buffer out, int prefixAt) {
    // Half a value may sit in its generator: never flush it into another event.
    BUFFERS.json(out, null);
    out.truncate(prefixAt);
  }

  /** The buffer's generator, made by this writer's factory (a writer of another mapper, anew). */
  private JsonGenerator generatorFor(Utf8Buffer out) throws IOException {
    ReusedGenerator reused = BUFFERS.json(out);
    JsonFactory factory = writer.getFactory();
    if (reused == null || reused.factory() != factory) {
      reused = new ReusedGenerator(factory, writer.createGenerator(out.asOutputStream()));
      BUFFERS.json(out, reused);
    }
    return reused.generator();
  }
}
