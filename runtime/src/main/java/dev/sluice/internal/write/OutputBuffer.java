package dev.sluice.internal.write;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Encoded events waiting for the socket: bytes appended by producers, and the view the I/O thread
 * writes them from. The view is kept while the array stays the same, as a pooled buffer is written
 * once an event and should not allocate for it. Flat (the array is a field of its own, not of a
 * {@code Utf8Buffer}): a broadcast writes one of these per subscriber and event, and each
 * indirection is a cache miss per subscriber. Not thread-safe: {@link PendingBytes} hands it over.
 */
final class OutputBuffer {
  private static final int INITIAL_CAPACITY = 4 * 1024;

  private byte[] bytes = new byte[INITIAL_CAPACITY];
  private int size;
  private ByteBuffer view;

  void append(byte[] encoded, int offset, int length) {
    if (bytes.length - size < length) {
      long wanted = Math.max((long) bytes.length * 2, (long) size + length);
      if (wanted > Integer.MAX_VALUE - 8) {
        throw new OutOfMemoryError("An event stream's output cannot grow past 2 GiB");
      }
      bytes = Arrays.copyOf(bytes, (int) wanted);
    }
    System.arraycopy(encoded, offset, bytes, size, length);
    size += length;
  }

  int size() {
    return size;
  }

  int capacity() {
    return bytes.length;
  }

  void clear() {
    size = 0;
  }

  /** Bytes {@code [0, size())} to write to a channel from, valid until the next append. */
  ByteBuffer contents() {
    ByteBuffer contents = view;
    if (contents == null || contents.array() != bytes) {
      contents = ByteBuffer.wrap(bytes);
      view = contents;
    }
    contents.clear().limit(size);
    return contents;
  }
}
