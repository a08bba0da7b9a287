package dev.sluice.internal.write;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class OutputBufferTest {
  private static byte[] ascii(String text) {
    return text.getBytes(UTF_8);
  }

  @Test
  void clear_emptiesButKeepsTheArray() {
    OutputBuffer out = new OutputBuffer();
    byte[] big = ascii("x".repeat(40_000));
    out.append(big, 0, big.length);
    int capacity = out.capacity();

    out.clear();

    assertEquals(0, out.size());
    assertEquals(capacity, out.capacity());
  }

  @Test
  void contents_isTheWholeBuffer_reusedUntilTheArrayGrows() {
    OutputBuffer out = new OutputBuffer();
    out.append(ascii("abc"), 0, 3);
    ByteBuffer first = out.contents();
    assertEquals(3, first.remaining());
    first.get(); // a write that took part of it

    out.clear();
    out.append(ascii("wxyz"), 0, 4);
    ByteBuffer second = out.contents();
    assertSame(first, second, "the same array: the same buffer");
    assertEquals(0, second.position());
    assertEquals(4, second.remaining());

    byte[] more = ascii("0123456789".repeat(1000)); // grows: a new array
    out.append(more, 0, more.length);
    ByteBuffer third = out.contents();
    assertNotSame(second, third);
    assertEquals("wxyz" + "0123456789".repeat(1000), UTF_8.decode(third).toString());
  }
}
