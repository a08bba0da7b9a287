package dev.sluice.internal.drive;

import dev.sluice.encode.SseEncoder;
import dev.sluice.encode.Utf8Buffer;
import dev.sluice.internal.broadcast.SharedEncoding;
import dev.sluice.internal.close.Counters;
import dev.sluice.internal.encode.ScratchBuffer;
import dev.sluice.internal.log.ThrottledLog;
import dev.sluice.internal.write.EventStreamWriter;
import java.lang.System.Logger.Level;

/**
 * What feeds one event stream's writer with what its endpoint returned: a publisher's demand
 * ({@link PublisherDriver}) or a blocking source's thread ({@link BlockingDriver}). Either way each
 * element is encoded on the producing thread, outside any lock, into the thread's scratch buffer
 * (or taken as a broadcast's shared bytes, encoded once for every event stream), and its bytes
 * handed to the writer. A slow serializer so delays its own event stream, never an I/O thread.
 */
abstract class Driver {
  private static final ThrottledLog UNENCODABLE =
      new ThrottledLog(
          System.getLogger("dev.sluice.stream"),
          Level.ERROR,
          "An event could not be encoded and was skipped");

  /** What became of an offered element. */
  enum Offered {
    /** Encoded and on its way. */
    QUEUED,
    /** It could not be encoded: skipped, counted and logged; the event stream goes on. */
    SKIPPED,
    /** The event stream is closed or ending: dropped. */
    CLOSED
  }

  private final SseEncoder<Object> encoder;
  final EventStreamWriter writer;
  private final Counters counters;

  /** How logs name the endpoint: its path and the method behind it. */
  final String endpoint;

  @SuppressWarnings("unchecked") // the generated route pairs each event stream with its encoder
  Driver(SseEncoder<?> encoder, EventStreamWriter writer, Counters counters, String endpoint) {
    this.encoder = (SseEncoder<Object>) encoder;
    this.writer = writer;
    this.counters = counters;
    this.endpoint = endpoint;
  }

  /** The encoder of the event stream's route. */
  final SseEncoder<?> routeEncoder() {
    return encoder;
  }

  /** Encodes {@code element} and queues its bytes. */
  final Offered offer(Object element) {
    return offer(element, null);
  }

  /**
   * As {@link #offer(Object)}, with the bytes of {@code shared} when it is this element's: a
   * broadcast's event, encoded once for every event stream.
   */
  final Offered offer(Object element, SharedEncoding shared) {
    if (writer.isOver()) {
      return Offered.CLOSED;
    }
    if (shared != null && shared.event() == element) {
      byte[] bytes;
      try {
        bytes = shared.bytesFor(encoder);
      } catch (RuntimeException | StackOverflowError e) {
        return unencodable(e);
      }
      return queued(writer.enqueue(bytes, bytes.length));
    }
    Utf8Buffer encoded = ScratchBuffer.take();
    try {
      try {
        encoder.encode(element, encoded);
      } catch (RuntimeException | StackOverflowError e) {
        return unencodable(e);
      }
      return queued(writer.enqueue(encoded.array(), encoded.size()));
    } finally {
      ScratchBuffer.give(encoded);
    }
  }

  private static Offered queued(boolean queued) {
    return queued ? Offered.QUEUED : Offered.CLOSED;
  }

  private Offered unencodable(Throwable e) {
    counters.unencodable();
    UNENCODABLE.log(() -> endpoint + ": " + e, e);
    return Offered.SKIPPED;
  }
}
