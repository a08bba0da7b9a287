package dev.sluice.bench.load;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The little of HTTP/2 (RFC 9113) the benchmarks' raw h2c clients write: the preface, frame
 * headers, and request header blocks. Requests are HPACK literals without indexing and without
 * Huffman coding, so the server needs no table of ours; what the server sends in its header blocks
 * is never decoded, so the clients need none of its table either.
 */
public final class H2Frames {
  public static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  public static final int HEADER_BYTES = 9;
  public static final int DATA = 0x0;
  public static final int HEADERS = 0x1;
  public static final int RST_STREAM = 0x3;
  public static final int SETTINGS = 0x4;
  public static final int PING = 0x6;
  public static final int GOAWAY = 0x7;
  public static final int WINDOW_UPDATE = 0x8;
  public static final int END_STREAM = 0x1;
  public static final int ACK = 0x1;
  public static final int END_HEADERS = 0x4;
  public static final int PADDED = 0x8;
  public static final int SETTINGS_ENABLE_PUSH = 0x2;
  public static final int SETTINGS_MAX_CONCURRENT_STREAMS = 0x3;
  public static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;

  /** A frame header and the largest payload allowed to us: SETTINGS_MAX_FRAME_SIZE's default. */
  public static final int LARGEST_FRAME = HEADER_BYTES + 16_384;

  private H2Frames() {}

  /** Writes a frame, header and payload, into {@code to}. */
  public static void putFrame(ByteBuffer to, int type, int flags, int streamId, byte[] payload) {
    to.put((byte) (payload.length >>> 16))
        .putShort((short) payload.length)
        .put((byte) type)
        .put((byte) flags)
        .putInt(streamId)
        .put(payload);
  }

  /** A frame in a buffer of its own, ready to be written. */
  public static ByteBuffer frame(int type, int flags, int streamId, byte[] payload) {
    ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + payload.length);
    putFrame(frame, type, flags, streamId, payload);
    return frame.flip();
  }

  /** A WINDOW_UPDATE's payload, or any other 32-bit one. */
  public static byte[] int32(int value) {
    return ByteBuffer.allocate(4).putInt(value).array();
  }

  /** SETTINGS payload: identifier and value pairs. */
  public static byte[] settings(int... idsAndValues) {
    ByteBuffer payload = ByteBuffer.allocate(idsAndValues.length / 2 * 6);
    for (int i = 0; i + 1 < idsAndValues.length; i += 2) {
      payload.putShort((short) idsAndValues[i]).putInt(idsAndValues[i + 1]);
    }
    return payload.array();
  }

  /** The header block of {@code GET path} for an event stream from 127.0.0.1:{@code port}. */
  public static byte[] getEventStream(int port, String path) {
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    for (String[] header :
        new String[][] {
          {":method", "GET"},
          {":scheme", "http"},
          {":authority", "127.0.0.1:" + port},
          {":path", path},
          {"accept", "text/event-stream"}
        }) {
      block.write(0); // literal header field without indexing, new name
      for (String s : header) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length >= 127) {
          throw new IllegalArgumentException("Header too long for a one-byte length: " + s);
        }
        block.write(bytes.length); // a one-byte length, no Huffman bit
        block.write(bytes, 0, bytes.length);
      }
    }
    return block.toByteArray();
  }
}
