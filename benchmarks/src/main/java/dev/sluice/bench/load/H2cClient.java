package dev.sluice.bench.load;

import static dev.sluice.bench.load.H2Frames.ACK;
import static dev.sluice.bench.load.H2Frames.DATA;
import static dev.sluice.bench.load.H2Frames.END_HEADERS;
import static dev.sluice.bench.load.H2Frames.END_STREAM;
import static dev.sluice.bench.load.H2Frames.GOAWAY;
import static dev.sluice.bench.load.H2Frames.HEADERS;
import static dev.sluice.bench.load.H2Frames.HEADER_BYTES;
import static dev.sluice.bench.load.H2Frames.LARGEST_FRAME;
import static dev.sluice.bench.load.H2Frames.PADDED;
import static dev.sluice.bench.load.H2Frames.PING;
import static dev.sluice.bench.load.H2Frames.RST_STREAM;
import static dev.sluice.bench.load.H2Frames.SETTINGS;
import static dev.sluice.bench.load.H2Frames.WINDOW_UPDATE;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load benchmark's HTTP/2 client: cleartext, by prior knowledge (h2c), many streams on each of
 * a few connections, all driven by one {@link SelectorLoop} as {@link LoadClient} drives its
 * HTTP/1.1 ones. Streams go to the connections in turn; the caller keeps each connection under the
 * server's {@code SETTINGS_MAX_CONCURRENT_STREAMS}.
 *
 * <p>It behaves as a browser does where that costs the server work: it acknowledges SETTINGS and
 * PING, and hands back flow-control credit as data is read, a stream's once half of its window
 * ({@value #STREAM_WINDOW} bytes, as large as a browser's) has been read, the connection's once
 * half of its. Each DATA payload goes to the stream's {@link EventReader}; response header blocks
 * are not decoded (see {@link H2Frames}), only noticed, and END_STREAM ends a stream as the last
 * chunk ends an HTTP/1.1 one.
 */
final class H2cClient implements EventClient {
  /** SETTINGS_INITIAL_WINDOW_SIZE we announce: room for ~50,000 fan-out events a stream. */
  private static final int STREAM_WINDOW = 4 << 20;

  /** The connection window we open at the start, from the 65,535 every connection begins with. */
  private static final int CONNECTION_WINDOW = 1 << 30;

  /** Two of the largest frames, so that a partial one never fills the buffer. */
  private static final int READ_BUFFER = 8 * LARGEST_FRAME;

  private final int port;
  private final SelectorLoop loop;
  private final List<Connection> connections = new ArrayList<>();
  private final Tally tally = new Tally();
  private final AtomicInteger goAways = new AtomicInteger();
  private final AtomicInteger connectionsLost = new AtomicInteger();
  private final AtomicInteger resets = new AtomicInteger();
  private volatile int advertisedMaxStreams = -1;
  private volatile boolean closed;
  private int nextConnection; // the caller's thread

  /**
   * Connects {@code connections} times to 127.0.0.1:{@code port} (blocking, each at once on the
   * loopback) and sends each the preface, SETTINGS and a connection window.
   */
  H2cClient(int port, int connections) throws IOException {
    this.port = port;
    this.loop =
        new SelectorLoop(
            "h2c-load-client",
            100,
            new SelectorLoop.Rounds() {
              @Override
              public void afterSelect() {
                // HEADERS queued by the round's tasks go out together, a write per connection.
                for (Connection connection : H2cClient.this.connections) {
                  connection.flush();
                }
              }

              @Override
              public void exiting() {
                for (Connection connection : H2cClient.this.connections) {
                  connection.endStreams();
                }
                closeChannels();
              }
            });
    try {
      for (int i = 0; i < connections; i++) {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        Connection connection = new Connection(channel);
        this.connections.add(connection);
        connection.key = loop.register(channel, SelectionKey.OP_READ, connection::ready);
        connection.start();
      }
    } catch (IOException e) {
      tally.connectFailures.incrementAndGet();
      tally.firstConnectError.compareAndSet(null, e);
      closeChannels();
      loop.close();
      throw e;
    }
    loop.start();
  }

  /** Sends {@code GET path} as a new stream on the next connection in turn; returns at once. */
  @Override
  public EventReader open(String path) {
    Connection connection = connections.get(nextConnection++ % connections.size());
    Stream stream = new Stream(H2Frames.getEventStream(port, path));
    loop.execute(() -> connection.open(stream));
    return stream;
  }

  @Override
  public Tally tally() {
    return tally;
  }

  @Override
  public String trouble() {
    List<String> trouble = new ArrayList<>();
    if (goAways.get() > 0) {
      trouble.add(goAways + " GOAWAY");
    }
    if (connectionsLost.get() > 0) {
      trouble.add(connectionsLost + " of " + connections.size() + " connections lost");
    }
    if (resets.get() > 0) {
      trouble.add(resets + " streams reset by the server");
    }
    if (!trouble.isEmpty()) {
      trouble.add("server's SETTINGS_MAX_CONCURRENT_STREAMS " + advertisedMaxStreams);
    }
    return String.join(", ", trouble);
  }

  /** Closes every connection and stops the selector thread; waits for it (5 s at most). */
  @Override
  public void close() {
    closed = true;
    loop.close();
  }

  private void closeChannels() {
    for (Connection connection : connections) {
      try {
        connection.channel.close();
      } catch (IOException ignored) {
        // Closing is all we wanted.
      }
    }
  }

  /** One stream: its request's header block, and the credit it has used since the last update. */
  private final class Stream extends EventReader {
    final byte[] headerBlock;
    int id;
    int unacknowledged;

    Stream(byte[] headerBlock) {
      super(tally);
      this.headerBlock = headerBlock;
    }
  }

  /** One connection and its streams; the selector thread's own once started. */
  private final class Connection {
    final SocketChannel channel;
    final ByteBuffer in = ByteBuffer.allocate(READ_BUFFER);
    final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    final Map<Integer, Stream> streams = new HashMap<>();
    SelectionKey key;
    int nextStreamId = 1;
    long unacknowledged;
    boolean writeBlocked;
    boolean lost;

    Connection(SocketChannel channel) {
      this.channel = channel;
    }

    void ready(SelectionKey readyKey) {
      if (readyKey.isValid() && readyKey.isReadable()) {
        read();
      }
      if (readyKey.isValid() && readyKey.isWritable()) {
        writable();
      }
    }

    /** The preface, our SETTINGS, and the connection window opened wide. */
    void start() {
      ByteBuffer preface = ByteBuffer.wrap(H2Frames.PREFACE);
      out.add(preface);
      out.add(
          H2Frames.frame(
              SETTINGS,
              0,
              0,
              H2Frames.settings(
                  H2Frames.SETTINGS_ENABLE_PUSH,
                  0,
                  H2Frames.SETTINGS_INITIAL_WINDOW_SIZE,
                  STREAM_WINDOW)));
      out.add(H2Frames.frame(WINDOW_UPDATE, 0, 0, H2Frames.int32(CONNECTION_WINDOW - 65_535)));
    }

    void open(Stream stream) {
      if (lost) {
        stream.ended(false);
        return;
      }
      stream.id = nextStreamId;
      nextStreamId += 2;
      streams.put(stream.id, stream);
      out.add(H2Frames.frame(HEADERS, END_HEADERS | END_STREAM, stream.id, stream.headerBlock));
      tally.connected.incrementAndGet();
    }

    void read() {
      // A few reads, then the next connection's turn, as LoadClient does.
      for (int i = 0; i < 4 && !lost; i++) {
        int n;
        try {
          n = channel.read(in);
        } catch (IOException e) {
          lose();
          return;
        }
        if (n < 0) {
          lose();
          return;
        }
        if (n == 0) {
          break;
        }
        // Everything in one read arrived at once: one clock reading for all its events.
        long now = tally.recordLatency ? Payloads.wallMicros() : 0;
        in.flip();
        frames(now);
        in.compact();
      }
      flush();
    }

    /** Every whole frame in {@code in}; a partial one stays for the next read. */
    private void frames(long now) {
      byte[] bytes = in.array();
      while (in.remaining() >= HEADER_BYTES) {
        int at = in.position();
        int length = (bytes[at] & 0xff) << 16 | (bytes[at + 1] & 0xff) << 8 | bytes[at + 2] & 0xff;
        if (in.remaining() < HEADER_BYTES + length) {
          return;
        }
        int type = bytes[at + 3];
        int flags = bytes[at + 4] & 0xff;
        int streamId = in.getInt(at + 5) & 0x7fff_ffff;
        onFrame(type, flags, streamId, at + HEADER_BYTES, length, now);
        in.position(at + HEADER_BYTES + length);
      }
    }

    private void onFrame(int type, int flags, int streamId, int from, int length, long now) {
      switch (type) {
        case DATA -> onData(flags, streamId, from, length, now);
        case HEADERS -> {
          if ((flags & END_STREAM) != 0) {
            end(streamId, true); // a response without a body, such as a refusal
          }
        }
        case RST_STREAM -> {
          resets.incrementAndGet();
          end(streamId, false);
        }
        case SETTINGS -> {
          if ((flags & ACK) == 0) {
            readSettings(from, length);
            out.add(H2Frames.frame(SETTINGS, ACK, 0, new byte[0]));
          }
        }
        case PING -> {
          if ((flags & ACK) == 0) {
            byte[] payload = new byte[length];
            System.arraycopy(in.array(), from, payload, 0, length);
            out.add(H2Frames.frame(PING, ACK, 0, payload));
          }
        }
        case GOAWAY -> goAways.incrementAndGet();
        default -> {
          // WINDOW_UPDATE (we send no DATA), PRIORITY, CONTINUATION: nothing to act on.
        }
      }
    }

    private void onData(int flags, int streamId, int from, int length, long now) {
      byte[] bytes = in.array();
      Stream stream = streams.get(streamId);
      if (stream != null) {
        int start = from;
        int end = from + length;
        if ((flags & PADDED) != 0) {
          end -= bytes[from] & 0xff; // the pad length, then data, then that many zeros
          start++;
        }
        stream.body(bytes, start, end - start, now);
      }
      // Padding counts against the windows too (RFC 9113, 6.1).
      unacknowledged += length;
      if (unacknowledged >= CONNECTION_WINDOW / 2) {
        out.add(H2Frames.frame(WINDOW_UPDATE, 0, 0, H2Frames.int32((int) unacknowledged)));
        unacknowledged = 0;
      }
      if (stream == null) {
        return;
      }
      if ((flags & END_STREAM) != 0) {
        end(streamId, true);
        return;
      }
      stream.unacknowledged += length;
      if (stream.unacknowledged >= STREAM_WINDOW / 2) {
        out.add(H2Frames.frame(WINDOW_UPDATE, 0, streamId, H2Frames.int32(stream.unacknowledged)));
        stream.unacknowledged = 0;
      }
    }

    private void readSettings(int from, int length) {
      ByteBuffer payload = ByteBuffer.wrap(in.array(), from, length);
      while (payload.remaining() >= 6) {
        int id = payload.getShort() & 0xffff;
        long value = payload.getInt() & 0xffff_ffffL;
        if (id == H2Frames.SETTINGS_MAX_CONCURRENT_STREAMS) {
          advertisedMaxStreams = (int) Math.min(value, Integer.MAX_VALUE);
        }
      }
    }

    private void end(int streamId, boolean byItsFraming) {
      Stream stream = streams.remove(streamId);
      if (stream != null) {
        stream.ended(byItsFraming);
      }
    }

    /** Writes what is queued, unless an earlier write is waiting for room (OP_WRITE). */
    void flush() {
      if (lost || writeBlocked || out.isEmpty()) {
        return;
      }
      try {
        while (!out.isEmpty()) {
          ByteBuffer next = out.peek();
          channel.write(next);
          if (next.hasRemaining()) {
            writeBlocked = true;
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            return;
          }
          out.poll();
        }
        writeBlocked = false;
        key.interestOps(SelectionKey.OP_READ);
      } catch (IOException e) {
        lose();
      }
    }

    void writable() {
      writeBlocked = false;
      flush();
    }

    private void lose() {
      if (lost) {
        return;
      }
      lost = true;
      if (!closed) {
        connectionsLost.incrementAndGet();
      }
      endStreams();
      try {
        channel.close(); // also cancels the key
      } catch (IOException ignored) {
        // Closed either way.
      }
    }

    void endStreams() {
      for (Stream stream : streams.values()) {
        stream.ended(false);
      }
      streams.clear();
    }
  }
}
