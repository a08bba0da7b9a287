package dev.sluice.internal;

import dev.sluice.encode.SseEncoder;
import dev.sluice.encode.Utf8Buffer;

/**
 * Encodes a broadcast event for a stream's encoder before any stream asks, on the thread that
 * publishes it, so that its streams' I/O threads only copy its shared bytes and never run a
 * serializer (which may be the user's, and slow).
 */
public final class EncodeAhead {
  private EncodeAhead() {}

  /**
   * Has {@code encoder} encode {@code element} into the element's shared encoding. A failure is
   * left for the streams to report: each counts the event as unencodable when it gets there.
   */
  @SuppressWarnings("unchecked") // the encoder is that of a route whose elements these are
  public static void encode(SseEncoder<?> encoder, Object element) {
    Utf8Buffer scratch = ScratchBuffer.take();
    try {
      ((SseEncoder<Object>) encoder).encode(element, scratch);
    } catch (RuntimeException | StackOverflowError e) {
      // Kept by the shared encoding (a RuntimeException) or met again by each stream.
    } finally {
      ScratchBuffer.give(scratch);
    }
  }
}
