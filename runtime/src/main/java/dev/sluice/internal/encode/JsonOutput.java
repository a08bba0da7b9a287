package dev.sluice.internal.encode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.sluice.encode.Utf8Buffer;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Where a thread's JSON goes: the generator that wrote its last value, kept for the next one, and
 * pointed at whichever buffer that value is for. An event then costs no generator, I/O context or
 * buffer of its own. Used by one thread at a time; a value written while the thread is already
 * writing one (a getter that publishes to a broadcast, which encodes ahead) gets an output of its
 * own.
 */
final class JsonOutput extends OutputStream {
  private static final ThreadLocal<JsonOutput> OF_THREAD = ThreadLocal.withInitial(JsonOutput::new);

  private Utf8Buffer target;
  private JsonFactory factory;
  private JsonGenerator generator;
  private boolean inUse;

  private JsonOutput() {}

  /** This thread's output, writing into {@code out} until {@link #release}. */
  static JsonOutput into(Utf8Buffer out) {
    JsonOutput output = OF_THREAD.get();
    if (output.inUse) {
      output = new JsonOutput();
    }
    output.inUse = true;
    output.target = out;
    return output;
  }

  /** The kept generator if {@code writer}'s factory made it, else a new one from that factory. */
  JsonGenerator generator(ObjectWriter writer) throws IOException {
    JsonFactory wanted = writer.getFactory();
    if (generator == null || factory != wanted) {
      generator = writer.createGenerator(this);
      factory = wanted;
    }
    return generator;
  }

  /**
   * Done with the value. After a failure the generator may hold half a value, which must never be
   * flushed into another event: it is dropped.
   */
  void release(boolean failed) {
    if (failed) {
      generator = null;
      factory = null;
    }
    target = null;
    inUse = false;
  }

  @Override
  public void write(int b) {
    target.append((byte) b);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    target.append(b, off, len);
  }
}
