package dev.sluice.spi;

import dev.sluice.encode.SseEncoder;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/** What the user's method returned, with the encoder chosen for its element type. */
public final class SseResponse {
  private final Flow.Publisher<?> publisher;
  private final Stream<?> stream;
  private final SseEncoder<?> encoder;

  private SseResponse(Flow.Publisher<?> publisher, Stream<?> stream, SseEncoder<?> encoder) {
    this.publisher = publisher;
    this.stream = stream;
    this.encoder = Objects.requireNonNull(encoder, "encoder");
  }

  /** Wraps a publisher; a null publisher is the user's mistake and becomes a 500. */
  public static <T> SseResponse publisher(
      Flow.Publisher<? extends T> publisher, SseEncoder<T> encoder) {
    return new SseResponse(
        Objects.requireNonNull(publisher, "the endpoint returned a null Flow.Publisher"),
        null,
        encoder);
  }

  /** Wraps a {@code Stream}; a null one is the user's mistake and becomes a 500. */
  public static <T> SseResponse stream(Stream<? extends T> stream, SseEncoder<T> encoder) {
    return new SseResponse(
        null, Objects.requireNonNull(stream, "the endpoint returned a null Stream"), encoder);
  }

  /** The publisher, or null for a {@code Stream} response. */
  public Flow.Publisher<?> publisher() {
    return publisher;
  }

  /** The {@code Stream}, or null for a publisher response. */
  public Stream<?> stream() {
    return stream;
  }

  /** Encodes the elements of {@link #publisher()} or {@link #event stream()}. */
  public SseEncoder<?> encoder() {
    return encoder;
  }
}
