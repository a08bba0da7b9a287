package dev.sluice.encode;

/**
 * Writes one element of an endpoint's event stream as one complete Server-Sent Event, ending with
 * the blank line that dispatches it. A pure function of the element: safe to share between event
 * streams.
 *
 * @param <T> the element type
 */
@FunctionalInterface
public interface SseEncoder<T> {
  /** Appends the event for {@code element} to {@code out}. */
  void encode(T element, Utf8Buffer out);
}
