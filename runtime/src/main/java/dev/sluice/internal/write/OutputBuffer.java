package dev.sluice.internal.write;

import dev.sluice.encode.Utf8Buffer;
import java.nio.ByteBuffer;

/**
 * Encoded events waiting for the socket: bytes appended by producers, and the view the I/O thread
 * writes them from. The view is kept while the array stays the same, as a pooled buffer is written
 * once an event and should not allocate for it. Not thread-safe: {@link PendingBytes} hands it
 * over.
 */
final class OutputBuffer {
  private static final int INITIAL_CAPACITY = 4 * 1024;

  private final Utf8Buffer bytes = new Utf8Buffer(INITIAL_CAPACITY);
  private ByteBuffer view;

  void append(byte[] encoded, int offset, int length) {
    bytes.append(encoded, offset, length);
  }

  int size() {
    return bytes.size();
  }

  int capacity() {
    return bytes.array().length;
  }

  void clear() {
    bytes.truncate(0);
  }

  /** Bytes {@code [0, size())} to write to a channel from, valid until the next append. */
  ByteBuffer contents() {
    ByteBuffer contents = view;
    if (contents == null || contents.array() != bytes.array()) {
      contents = ByteBuffer.wrap(bytes.array());
      view = contents;
    }
    contents.clear().limit(bytes.size());
    return contents;
  }
}
