package dev.sluice.samples.production;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * HTTP/2 on a bare socket, for what well-behaved clients won't do: open more streams than the
 * server's SETTINGS_MAX_CONCURRENT_STREAMS, reset streams as fast as it opens them (the
 * CVE-2023-44487 "rapid reset"), or stop reading altogether. Cleartext h2c with prior knowledge.
 *
 * <p>A daemon thread reads every frame the server sends: it ACKs SETTINGS, answers PING, hands back
 * flow-control credit for DATA and records what each stream got. It needs a real HPACK decoder,
 * since the server may use Huffman coding and its dynamic table; we only send literals without
 * indexing, so the server needs no table of ours.
 */
final class RawHttp2 implements AutoCloseable {
  private static final int TIMEOUT_MS = 10_000;
  private static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final int DATA = 0x0;
  private static final int HEADERS = 0x1;
  private static final int RST_STREAM = 0x3;
  private static final int SETTINGS = 0x4;
  private static final int PUSH_PROMISE = 0x5;
  private static final int PING = 0x6;
  private static final int GOAWAY = 0x7;
  private static final int WINDOW_UPDATE = 0x8;
  private static final int CONTINUATION = 0x9;
  private static final int END_STREAM = 0x1;
  private static final int ACK = 0x1;
  private static final int END_HEADERS = 0x4;
  private static final int PADDED = 0x8;
  private static final int PRIORITY = 0x20;
  private static final int SETTINGS_MAX_CONCURRENT_STREAMS = 0x3;
  private static final int CANCEL = 0x8;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out; // writes lock it; a thread holding it may then lock this
  private final String authority;
  private int nextStreamId = 1; // guarded by out

  // The reader thread's own: HPACK state and a header block awaiting its CONTINUATION frames.
  private final Hpack hpack = new Hpack();
  private ByteArrayOutputStream block;
  private int blockStream;
  private boolean blockEndsStream;

  // Guarded by this.
  private final Map<Integer, Stream> streams = new TreeMap<>();
  private boolean settingsReceived;
  private Integer maxConcurrentStreams;
  private Long goAwayCode;
  private String goAway;
  private boolean paused;
  private boolean closed;
  private String closedBy;
  private RuntimeException failure;

  private static final class Stream {
    Integer status;
    Long resetCode;
    long dataBytes;
    boolean ended; // by either side: no more WINDOW_UPDATE for it

    @Override
    public String toString() {
      return (status == null ? "-" : status.toString())
          + "/"
          + dataBytes
          + "B"
          + (resetCode == null ? "" : "/RST 0x" + Long.toHexString(resetCode));
    }
  }

  private RawHttp2(Socket socket, int port) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.authority = "127.0.0.1:" + port;
  }

  /** Sends the preface, empty SETTINGS and a connection window as large as allowed. */
  static RawHttp2 connect(int port) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
      socket.setSoTimeout(TIMEOUT_MS);
      socket.setTcpNoDelay(true);
      RawHttp2 client = new RawHttp2(socket, port);
      synchronized (client.out) {
        client.out.write(PREFACE);
        client.write(SETTINGS, 0, 0, new byte[0]);
        client.write(WINDOW_UPDATE, 0, 0, int32(Integer.MAX_VALUE - 65_535));
      }
      Thread reader = new Thread(client::read, "raw-http2-reader-" + port);
      reader.setDaemon(true);
      reader.start();
      return client;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** A GET for {@code path} asking for an event stream; returns its stream id: 1, 3, 5, ... */
  int openStream(String path) throws IOException {
    return openStream(path, true);
  }

  /**
   * As {@link #openStream(String)}, but {@code endStream} false leaves the request side open, as if
   * a body were to follow. Undertow 2.4 counts a client's RST_STREAM against its rapid-reset limit
   * only when the request side is still open or the response is already done.
   */
  int openStream(String path, boolean endStream) throws IOException {
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    for (String[] h :
        new String[][] {
          {":method", "GET"},
          {":scheme", "http"},
          {":authority", authority},
          {":path", path},
          {"accept", "text/event-stream"}
        }) {
      headers.write(0); // literal header field without indexing, new name
      for (String s : h) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        Hpack.writeInteger(headers, bytes.length, 7); // no Huffman
        headers.write(bytes, 0, bytes.length);
      }
    }
    synchronized (out) {
      int id = nextStreamId;
      nextStreamId += 2;
      synchronized (this) {
        streams.put(id, new Stream());
      }
      write(HEADERS, END_HEADERS | (endStream ? END_STREAM : 0), id, headers.toByteArray());
      return id;
    }
  }

  /** RST_STREAM with CANCEL, as a client does when it loses interest. */
  void reset(int streamId) throws IOException {
    synchronized (out) {
      synchronized (this) {
        stream(streamId).ended = true;
      }
      write(RST_STREAM, 0, streamId, int32(CANCEL));
    }
  }

  /**
   * Makes the reader leave the socket alone, after at most the frame it is reading: nothing is
   * consumed, acknowledged or credited, as with a client that has stalled. Our writes may block in
   * turn once the server stops reading too.
   */
  synchronized void stopReading() {
    paused = true;
  }

  synchronized void resumeReading() {
    paused = false;
    notifyAll();
  }

  /** From the server's SETTINGS, waiting for them up to the socket timeout; null if not sent. */
  synchronized Integer advertisedMaxConcurrentStreams() {
    try {
      await(Duration.ofMillis(TIMEOUT_MS), () -> settingsReceived || closed);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return maxConcurrentStreams;
  }

  /** The :status of the response headers, null if none came yet. */
  synchronized Integer status(int streamId) {
    return stream(streamId).status;
  }

  /** The error code of an RST_STREAM from the server, null if none. */
  synchronized Long resetCode(int streamId) {
    return stream(streamId).resetCode;
  }

  /** DATA payload bytes received, padding excluded. */
  synchronized long dataBytes(int streamId) {
    return stream(streamId).dataBytes;
  }

  /** True once the stream has a status or a reset, or the connection is gone. */
  synchronized boolean awaitOutcome(int streamId, Duration timeout) throws InterruptedException {
    Stream s = stream(streamId);
    return await(timeout, () -> s.status != null || s.resetCode != null || closed);
  }

  /** The error code of a GOAWAY from the server, null if none. */
  synchronized Long goAwayCode() {
    return goAwayCode;
  }

  /** True once the connection has ended: EOF or a reset from the server (or our close). */
  synchronized boolean awaitClosed(Duration timeout) throws InterruptedException {
    return await(timeout, () -> closed);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  @Override
  public synchronized String toString() {
    return "RawHttp2"
        + streams
        + (goAway == null ? "" : " " + goAway)
        + (closed ? " closed" : "")
        + (closedBy == null ? "" : " by " + closedBy)
        + (failure == null ? "" : " " + failure);
  }

  private Stream stream(int id) {
    return streams.computeIfAbsent(id, k -> new Stream());
  }

  private boolean await(Duration timeout, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (long left = timeout.toNanos(); !done.getAsBoolean(); left = deadline - System.nanoTime()) {
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    if (failure != null) {
      throw new IllegalStateException("The frame reader failed: " + this, failure);
    }
    return true;
  }

  private void write(int type, int flags, int streamId, byte[] payload) throws IOException {
    byte[] frame =
        ByteBuffer.allocate(9 + payload.length)
            .put((byte) (payload.length >>> 16))
            .putShort((short) payload.length)
            .put((byte) type)
            .put((byte) flags)
            .putInt(streamId)
            .put(payload)
            .array();
    synchronized (out) {
      out.write(frame);
      out.flush();
    }
  }

  /** A write by the reader: if it fails, reading on still finds what the server sent last. */
  private void reply(int type, int flags, int streamId, byte[] payload) {
    try {
      write(type, flags, streamId, payload);
    } catch (IOException e) {
      // Reading ends at the server's EOF or reset, after any GOAWAY before it.
    }
  }

  private static byte[] int32(int value) {
    return ByteBuffer.allocate(4).putInt(value).array();
  }

  private void read() {
    try {
      while (true) {
        synchronized (this) {
          while (paused && !closed) {
            wait();
          }
        }
        ByteBuffer head = ByteBuffer.wrap(readFully(9));
        int length = (head.get() & 0xff) << 16 | head.getShort() & 0xffff;
        int type = head.get();
        int flags = head.get() & 0xff;
        int streamId = head.getInt() & 0x7fff_ffff;
        onFrame(type, flags, streamId, ByteBuffer.wrap(readFully(length)));
      }
    } catch (IOException | InterruptedException e) {
      synchronized (this) {
        closedBy = e.toString(); // the server's EOF or reset, or our close
      }
    } catch (RuntimeException e) {
      synchronized (this) {
        failure = e;
      }
    } finally {
      synchronized (this) {
        closed = true;
        notifyAll();
      }
      try {
        socket.close();
      } catch (IOException e) {
        // Closed is what we want.
      }
    }
  }

  private byte[] readFully(int n) throws IOException {
    byte[] bytes = new byte[n];
    for (int at = 0; at < n; ) {
      try {
        int read = in.read(bytes, at, n - at);
        if (read < 0) {
          throw new EOFException();
        }
        at += read;
      } catch (SocketTimeoutException e) {
        // An idle stream is no reason to stop listening.
      }
    }
    return bytes;
  }

  private void onFrame(int type, int flags, int streamId, ByteBuffer p) {
    if (block != null && type != CONTINUATION) {
      throw new IllegalStateException("Frame type " + type + " inside a header block");
    }
    switch (type) {
      case DATA -> onData(flags, streamId, p);
      case HEADERS -> {
        int pad = (flags & PADDED) != 0 ? p.get() & 0xff : 0;
        p.position(p.position() + ((flags & PRIORITY) != 0 ? 5 : 0));
        headerFragment(streamId, (flags & END_STREAM) != 0, flags, p, pad);
      }
      case PUSH_PROMISE -> { // Only decoded to keep the HPACK table in step.
        int pad = (flags & PADDED) != 0 ? p.get() & 0xff : 0;
        headerFragment(p.getInt() & 0x7fff_ffff, false, flags, p, pad);
      }
      case CONTINUATION -> headerFragment(blockStream, blockEndsStream, flags, p, 0);
      case RST_STREAM -> {
        synchronized (this) {
          Stream s = stream(streamId);
          s.resetCode = p.getInt() & 0xffff_ffffL;
          s.ended = true;
          notifyAll();
        }
      }
      case SETTINGS -> {
        if ((flags & ACK) == 0) {
          synchronized (this) {
            while (p.remaining() >= 6) {
              int id = p.getShort() & 0xffff;
              long value = p.getInt() & 0xffff_ffffL;
              if (id == SETTINGS_MAX_CONCURRENT_STREAMS) {
                maxConcurrentStreams = (int) Math.min(value, Integer.MAX_VALUE);
              }
            }
            settingsReceived = true;
            notifyAll();
          }
          reply(SETTINGS, ACK, 0, new byte[0]);
        }
      }
      case PING -> {
        if ((flags & ACK) == 0) {
          reply(PING, ACK, 0, p.array());
        }
      }
      case GOAWAY -> {
        synchronized (this) {
          int lastStreamId = p.getInt() & 0x7fff_ffff;
          goAwayCode = p.getInt() & 0xffff_ffffL;
          goAway =
              "GOAWAY(last "
                  + lastStreamId
                  + ", 0x"
                  + Long.toHexString(goAwayCode)
                  + ", "
                  + new String(p.array(), p.position(), p.remaining(), StandardCharsets.UTF_8)
                  + ")";
          notifyAll();
        }
      }
      default -> {
        // PRIORITY, WINDOW_UPDATE (we send no DATA) and unknown types change nothing here.
      }
    }
  }

  private void onData(int flags, int streamId, ByteBuffer p) {
    int length = p.remaining();
    int padding = (flags & PADDED) != 0 ? (p.get() & 0xff) + 1 : 0;
    synchronized (this) {
      Stream s = stream(streamId);
      s.dataBytes += length - padding;
      s.ended |= (flags & END_STREAM) != 0;
      notifyAll();
    }
    if (length > 0) {
      synchronized (out) {
        reply(WINDOW_UPDATE, 0, 0, int32(length));
        boolean open;
        synchronized (this) {
          open = !stream(streamId).ended; // Checked under out: no credit after our RST_STREAM.
        }
        if (open) {
          reply(WINDOW_UPDATE, 0, streamId, int32(length));
        }
      }
    }
  }

  private void headerFragment(int streamId, boolean endsStream, int flags, ByteBuffer p, int pad) {
    if (block == null) {
      block = new ByteArrayOutputStream();
      blockStream = streamId;
      blockEndsStream = endsStream;
    }
    block.write(p.array(), p.position(), p.remaining() - pad);
    if ((flags & END_HEADERS) == 0) {
      return;
    }
    List<String[]> headers = hpack.decode(block.toByteArray());
    block = null;
    synchronized (this) {
      Stream s = stream(streamId);
      for (String[] h : headers) {
        if (h[0].equals(":status") && (s.status == null || s.status < 200)) {
          s.status = Integer.valueOf(h[1]);
        }
      }
      s.ended |= endsStream;
      notifyAll();
    }
  }

  /** An HPACK (RFC 7541) decoder: static and dynamic table, Huffman-coded strings. */
  private static final class Hpack {
    private static final String[] STATIC = {
      ":authority",
      "",
      ":method",
      "GET",
      ":method",
      "POST",
      ":path",
      "/",
      ":path",
      "/index.html",
      ":scheme",
      "http",
      ":scheme",
      "https",
      ":status",
      "200",
      ":status",
      "204",
      ":status",
      "206",
      ":status",
      "304",
      ":status",
      "400",
      ":status",
      "404",
      ":status",
      "500",
      "accept-charset",
      "",
      "accept-encoding",
      "gzip, deflate",
      "accept-language",
      "",
      "accept-ranges",
      "",
      "accept",
      "",
      "access-control-allow-origin",
      "",
      "age",
      "",
      "allow",
      "",
      "authorization",
      "",
      "cache-control",
      "",
      "content-disposition",
      "",
      "content-encoding",
      "",
      "content-language",
      "",
      "content-length",
      "",
      "content-location",
      "",
      "content-range",
      "",
      "content-type",
      "",
      "cookie",
      "",
      "date",
      "",
      "etag",
      "",
      "expect",
      "",
      "expires",
      "",
      "from",
      "",
      "host",
      "",
      "if-match",
      "",
      "if-modified-since",
      "",
      "if-none-match",
      "",
      "if-range",
      "",
      "if-unmodified-since",
      "",
      "last-modified",
      "",
      "link",
      "",
      "location",
      "",
      "max-forwards",
      "",
      "proxy-authenticate",
      "",
      "proxy-authorization",
      "",
      "range",
      "",
      "referer",
      "",
      "refresh",
      "",
      "retry-after",
      "",
      "server",
      "",
      "set-cookie",
      "",
      "strict-transport-security",
      "",
      "transfer-encoding",
      "",
      "user-agent",
      "",
      "vary",
      "",
      "via",
      "",
      "www-authenticate",
      ""
    };

    /** Huffman code lengths by symbol, 256 is EOS; the code is canonical, so these suffice. */
    private static final int[] LENGTHS = {
      13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28,
      28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28,
      6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6,
      5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10,
      13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
      7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6,
      15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5,
      6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28,
      20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23,
      24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24,
      22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23,
      21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23,
      26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25,
      19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27,
      20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23,
      26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26,
      30
    };

    private static final int[] SYMBOLS = new int[257]; // by code length, then by symbol
    private static final int[] FIRST_CODE = new int[31];
    private static final int[] FIRST_SYMBOL = new int[31];
    private static final int[] COUNT = new int[31];

    static {
      int code = 0;
      int n = 0;
      for (int len = 1; len <= 30; len++, code <<= 1) {
        FIRST_CODE[len] = code;
        FIRST_SYMBOL[len] = n;
        for (int symbol = 0; symbol < LENGTHS.length; symbol++) {
          if (LENGTHS[symbol] == len) {
            SYMBOLS[n++] = symbol;
            code++;
          }
        }
        COUNT[len] = n - FIRST_SYMBOL[len];
      }
    }

    private final List<String[]> table = new ArrayList<>(); // newest first
    private int size;
    private int maxSize = 4096;
    private byte[] b;
    private int pos;

    List<String[]> decode(byte[] block) {
      b = block;
      pos = 0;
      List<String[]> headers = new ArrayList<>();
      while (pos < b.length) {
        int first = b[pos] & 0xff;
        if (first >= 0x80) {
          headers.add(entry(integer(7)));
        } else if (first >= 0x40) {
          String[] h = literal(6);
          table.add(0, h);
          size += 32 + h[0].length() + h[1].length();
          headers.add(h);
        } else if (first >= 0x20) {
          maxSize = integer(5);
        } else {
          headers.add(literal(4)); // without indexing, or never indexed
        }
        while (size > maxSize) {
          String[] evicted = table.remove(table.size() - 1);
          size -= 32 + evicted[0].length() + evicted[1].length();
        }
      }
      return headers;
    }

    private String[] entry(int index) {
      if (index < 1 || index > STATIC.length / 2 + table.size()) {
        throw new IllegalStateException("HPACK index " + index + " out of range");
      }
      return index <= STATIC.length / 2
          ? new String[] {STATIC[2 * index - 2], STATIC[2 * index - 1]}
          : table.get(index - STATIC.length / 2 - 1);
    }

    private String[] literal(int prefix) {
      int index = integer(prefix);
      String name = index == 0 ? string() : entry(index)[0];
      return new String[] {name, string()};
    }

    private int integer(int prefix) {
      int mask = (1 << prefix) - 1;
      int value = b[pos++] & mask;
      if (value < mask) {
        return value;
      }
      for (int shift = 0; ; shift += 7) {
        int octet = b[pos++] & 0xff;
        if (shift > 21) {
          throw new IllegalStateException("HPACK integer too large");
        }
        value += (octet & 0x7f) << shift;
        if (octet < 0x80) {
          return value;
        }
      }
    }

    /** Octets as ISO-8859-1 characters, so that a string's length is its size in the table. */
    private String string() {
      boolean huffman = (b[pos] & 0x80) != 0;
      int length = integer(7);
      int from = pos;
      pos += length;
      return huffman
          ? huffman(from, pos)
          : new String(b, from, length, StandardCharsets.ISO_8859_1);
    }

    private String huffman(int from, int to) {
      StringBuilder s = new StringBuilder();
      int code = 0;
      int len = 0;
      for (int i = from; i < to; i++) {
        for (int bit = 7; bit >= 0; bit--) {
          code = code << 1 | (b[i] >> bit & 1);
          if (++len > 30) {
            throw new IllegalStateException("Bad Huffman code");
          }
          if (code - FIRST_CODE[len] < COUNT[len]) { // shorter codes would have matched already
            int symbol = SYMBOLS[FIRST_SYMBOL[len] + code - FIRST_CODE[len]];
            if (symbol == 256) {
              throw new IllegalStateException("EOS in a Huffman string");
            }
            s.append((char) symbol);
            code = 0;
            len = 0;
          }
        }
      }
      if (len > 7 || code != (1 << len) - 1) {
        throw new IllegalStateException("Bad Huffman padding");
      }
      return s.toString();
    }

    static void writeInteger(ByteArrayOutputStream out, int value, int prefix) {
      int mask = (1 << prefix) - 1;
      if (value < mask) {
        out.write(value);
        return;
      }
      out.write(mask);
      for (value -= mask; value >= 0x80; value >>>= 7) {
        out.write(value & 0x7f | 0x80);
      }
      out.write(value);
    }
  }
}
