package dev.sluice.internal;

import dev.sluice.encode.Utf8Buffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Where an event sent to many streams keeps its encoded bytes, so that each route's encoder writes
 * it once however many subscribers it has: an {@code SseBroadcaster} attaches one to every event it
 * publishes, and encodes it there, on the publishing thread, for the encoders of the streams
 * subscribed to it. A failure is kept as well, so that an event that cannot be encoded costs one
 * attempt, not one a subscriber. Thread-safe; once an encoder's result is there, every subscriber
 * reads it without taking a lock.
 */
public final class SharedEncoding {
  private static final Encoded[] NONE = {};

  /** Copy-on-write, one entry per encoder: usually one, a few when routes share a broadcast. */
  private volatile Encoded[] encodings = NONE;

  /** Appends the event's bytes for {@code by}, encoding them with {@code encode} only once. */
  void write(Object by, Utf8Buffer out, Consumer<Utf8Buffer> encode) {
    Encoded encoded = find(by);
    if (encoded == null) {
      encoded = encodeOnce(by, encode);
    }
    if (encoded.failure != null) {
      throw encoded.failure;
    }
    out.append(encoded.bytes);
  }

  /**
   * The bytes {@code by} encoded the event to, or null if it has not (or failed to). The array is
   * shared by every stream: it must not be written to.
   */
  public byte[] bytesFor(Object by) {
    Encoded encoded = find(by);
    return encoded == null ? null : encoded.bytes;
  }

  private Encoded find(Object by) {
    for (Encoded encoded : encodings) {
      if (encoded.encoder == by) {
        return encoded;
      }
    }
    return null;
  }

  private synchronized Encoded encodeOnce(Object by, Consumer<Utf8Buffer> encode) {
    Encoded encoded = find(by); // another thread may have been first
    if (encoded != null) {
      return encoded;
    }
    Utf8Buffer scratch = new Utf8Buffer(256);
    try {
      encode.accept(scratch);
      encoded = new Encoded(by, Arrays.copyOf(scratch.array(), scratch.size()), null);
    } catch (RuntimeException e) {
      encoded = new Encoded(by, null, e);
    }
    Encoded[] grown = Arrays.copyOf(encodings, encodings.length + 1);
    grown[grown.length - 1] = encoded;
    encodings = grown;
    return encoded;
  }

  private record Encoded(Object encoder, byte[] bytes, RuntimeException failure) {}
}
