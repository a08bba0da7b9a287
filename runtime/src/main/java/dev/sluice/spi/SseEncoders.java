package dev.sluice.spi;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.sluice.SseEvent;
import dev.sluice.encode.SseEncoder;

/**
 * Encoders for each kind of element an endpoint can produce, resolved once per route when the
 * server is built, never per event. The JSON ones use the server's {@code ObjectMapper}.
 */
public interface SseEncoders {
  /** {@code String} elements, sent as text in the event's data. */
  SseEncoder<String> text();

  /** Elements of a non-generic type, sent as JSON in the event's data. */
  <T> SseEncoder<T> json(Class<T> type);

  /** Elements of a generic type such as {@code List<Point>}, sent as JSON in the event's data. */
  <T> SseEncoder<T> json(TypeReference<T> type);

  /** {@code SseEvent<String>} elements: data as text unless built with {@code json(..)}. */
  SseEncoder<SseEvent<String>> textEvents();

  /** {@code SseEvent<T>} elements with a non-generic T: data as JSON. */
  <T> SseEncoder<SseEvent<T>> jsonEvents(Class<T> type);

  /** {@code SseEvent<T>} elements with a generic T: data as JSON. */
  <T> SseEncoder<SseEvent<T>> jsonEvents(TypeReference<T> type);
}
