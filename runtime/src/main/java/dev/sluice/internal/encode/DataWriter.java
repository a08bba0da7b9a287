package dev.sluice.internal.encode;

import dev.sluice.encode.Utf8Buffer;

/**
 * Writes a value as the {@code data:} lines of an event, without the blank line that ends it.
 *
 * @param <T> the value type
 */
@FunctionalInterface
interface DataWriter<T> {
  void writeData(T value, Utf8Buffer out);

  /** Writes a {@code String} as text, one data line per line. */
  static DataWriter<String> text() {
    return SseWire::data;
  }
}
