package dev.sluice.internal.broadcast;

import dev.sluice.SseEvent;
import dev.sluice.encode.SseEncoder;
import dev.sluice.encode.Utf8Buffer;
import dev.sluice.internal.encode.ScratchBuffer;
import java.util.Arrays;

/**
 * One broadcast event and its bytes, encoded once per route encoder however many event streams it
 * goes to: the broadcast encodes it on the publishing thread for the encoders of the event streams
 * subscribed to it, and an event stream behind a user's operator encodes it on first need for all
 * such event streams. A failure is kept as well, so that an event that cannot be encoded costs one
 * attempt, not one a subscriber. Thread-safe; once an encoder's result is there, every event stream
 * reads it without taking a lock.
 */
public final class SharedEncoding {
  private static final Encoded[] NONE = {};

  private final SseEvent<?> event;

  /** Copy-on-write, one entry per encoder: usually one, a few when routes share a broadcast. */
  private volatile Encoded[] encodings = NONE;

  SharedEncoding(SseEvent<?> event) {
    this.event = event;
  }

  /** The event these are the bytes of. */
  public SseEvent<?> event() {
    return event;
  }

  /**
   * The event's bytes as {@code encoder} writes them, encoded now if no event stream has asked yet.
   * The array is shared by every event stream: it must not be written to.
   *
   * @throws RuntimeException what the encoder threw, the first time or kept since
   */
  public byte[] bytesFor(SseEncoder<?> encoder) {
    Encoded encoded = find(encoder);
    if (encoded == null) {
      encoded = encodeOnce(encoder);
    }
    if (encoded.failure != null) {
      throw encoded.failure;
    }
    return encoded.bytes;
  }

  /**
   * Encodes ahead, on the thread that publishes, so that the I/O threads of the event streams only
   * copy bytes and never run a serializer (which may be the user's, and slow). A failure is left
   * for the event streams to report: each counts the event as unencodable when it gets there.
   */
  void encodeAhead(SseEncoder<?> encoder) {
    try {
      bytesFor(encoder);
    } catch (RuntimeException | StackOverflowError e) {
      // Kept (a RuntimeException) or met again by each event stream.
    }
  }

  private Encoded find(SseEncoder<?> encoder) {
    for (Encoded encoded : encodings) {
      if (encoded.encoder == encoder) {
        return encoded;
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked") // the encoder is that of a route whose elements these are
  private synchronized Encoded encodeOnce(SseEncoder<?> encoder) {
    Encoded encoded = find(encoder); // another thread may have been first
    if (encoded != null) {
      return encoded;
    }
    Utf8Buffer scratch = ScratchBuffer.take();
    try {
      ((SseEncoder<Object>) encoder).encode(event, scratch);
      encoded = new Encoded(encoder, Arrays.copyOf(scratch.array(), scratch.size()), null);
    } catch (RuntimeException e) {
      encoded = new Encoded(encoder, null, e);
    } finally {
      ScratchBuffer.give(scratch);
    }
    Encoded[] grown = Arrays.copyOf(encodings, encodings.length + 1);
    grown[grown.length - 1] = encoded;
    encodings = grown;
    return encoded;
  }

  private record Encoded(SseEncoder<?> encoder, byte[] bytes, RuntimeException failure) {}
}
