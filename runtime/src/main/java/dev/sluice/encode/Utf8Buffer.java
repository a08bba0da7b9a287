package dev.sluice.encode;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte array that text is appended to as UTF-8, without allocating per call: what an
 * {@link SseEncoder} writes an event into. Not thread-safe.
 *
 * <p>Public because {@code SseEncoder} names it, and the routes Sluice's processor generates pass
 * it from one encoder to another: an encoder appends to it (and may read back what it appended, or
 * undo it with {@link #truncate}), and whoever called the encoder reads the bytes back ({@link
 * #toByteArray()}, or {@link #array()} up to {@link #size()}).
 *
 * <p>A lone surrogate, which UTF-8 cannot represent, is written as U+FFFD, as {@link
 * String#getBytes} does.
 */
public final class Utf8Buffer {
  private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

  private byte[] bytes;
  private int size;
  private final OutputStream asStream = new AppendingStream();

  public Utf8Buffer(int initialCapacity) {
    this.bytes = new byte[initialCapacity];
  }

  public int size() {
    return size;
  }

  /** The backing array; bytes {@code [0, size())} are valid until the next append. */
  public byte[] array() {
    return bytes;
  }

  /** Drops everything from {@code newSize} on: undoes a partly written event. */
  public void truncate(int newSize) {
    if (newSize < 0 || newSize > size) {
      throw new IndexOutOfBoundsException(newSize);
    }
    size = newSize;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  /** Appends to this buffer; {@code close()} does nothing, so Jackson can write through it. */
  public OutputStream asOutputStream() {
    return asStream;
  }

  public Utf8Buffer append(byte b) {
    ensure(1);
    bytes[size++] = b;
    return this;
  }

  public Utf8Buffer append(byte[] b) {
    return append(b, 0, b.length);
  }

  public Utf8Buffer append(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, bytes, size, len);
    size += len;
    return this;
  }

  /** Appends the decimal digits of {@code value}. */
  public Utf8Buffer appendDecimal(long value) {
    if (value < 0) {
      append((byte) '-');
      if (value == Long.MIN_VALUE) {
        return appendAscii("9223372036854775808");
      }
      value = -value;
    }
    int digits = 1;
    for (long v = value; v >= 10; v /= 10) {
      digits++;
    }
    ensure(digits);
    for (int i = size + digits - 1; i >= size; i--) {
      bytes[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    size += digits;
    return this;
  }

  /** Appends a string known to be ASCII, such as a field name. */
  public Utf8Buffer appendAscii(String ascii) {
    int n = ascii.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[size + i] = (byte) ascii.charAt(i);
    }
    size += n;
    return this;
  }

  /** Appends {@code s} as UTF-8. */
  public Utf8Buffer appendUtf8(CharSequence s) {
    return appendUtf8(s, 0, s.length());
  }

  /** Appends chars {@code [from, to)} of {@code s} as UTF-8. */
  public Utf8Buffer appendUtf8(CharSequence s, int from, int to) {
    ensure(to - from); // enough for ASCII; wider characters grow it again below
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (size == bytes.length) {
          ensure(to - i);
        }
        bytes[size++] = (byte) c;
      } else {
        i = appendNonAscii(s, i, to, c);
      }
    }
    return this;
  }

  /** Appends the character at {@code i} and returns the index of its last char. */
  private int appendNonAscii(CharSequence s, int i, int to, char c) {
    ensure(4);
    if (c < 0x800) {
      bytes[size++] = (byte) (0xC0 | c >> 6);
      bytes[size++] = (byte) (0x80 | c & 0x3F);
    } else if (!Character.isSurrogate(c)) {
      bytes[size++] = (byte) (0xE0 | c >> 12);
      bytes[size++] = (byte) (0x80 | c >> 6 & 0x3F);
      bytes[size++] = (byte) (0x80 | c & 0x3F);
    } else if (Character.isHighSurrogate(c)
        && i + 1 < to
        && Character.isLowSurrogate(s.charAt(i + 1))) {
      int cp = Character.toCodePoint(c, s.charAt(i + 1));
      bytes[size++] = (byte) (0xF0 | cp >> 18);
      bytes[size++] = (byte) (0x80 | cp >> 12 & 0x3F);
      bytes[size++] = (byte) (0x80 | cp >> 6 & 0x3F);
      bytes[size++] = (byte) (0x80 | cp & 0x3F);
      return i + 1;
    } else {
      System.arraycopy(REPLACEMENT, 0, bytes, size, REPLACEMENT.length);
      size += REPLACEMENT.length;
    }
    return i;
  }

  private void ensure(int more) {
    if (bytes.length - size < more) {
      long wanted = Math.max((long) bytes.length * 2, (long) size + more);
      if (wanted > Integer.MAX_VALUE - 8) {
        throw new OutOfMemoryError("Utf8Buffer cannot grow past 2 GiB");
      }
      bytes = Arrays.copyOf(bytes, Math.max((int) wanted, 16));
    }
  }

  private final class AppendingStream extends OutputStream {
    @Override
    public void write(int b) {
      append((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      append(b, off, len);
    }
  }
}
