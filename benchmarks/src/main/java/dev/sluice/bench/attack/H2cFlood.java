package dev.sluice.bench.attack;

import static dev.sluice.bench.load.H2Frames.ACK;
import static dev.sluice.bench.load.H2Frames.DATA;
import static dev.sluice.bench.load.H2Frames.END_HEADERS;
import static dev.sluice.bench.load.H2Frames.END_STREAM;
import static dev.sluice.bench.load.H2Frames.GOAWAY;
import static dev.sluice.bench.load.H2Frames.HEADERS;
import static dev.sluice.bench.load.H2Frames.LARGEST_FRAME;
import static dev.sluice.bench.load.H2Frames.PING;
import static dev.sluice.bench.load.H2Frames.PREFACE;
import static dev.sluice.bench.load.H2Frames.RST_STREAM;
import static dev.sluice.bench.load.H2Frames.SETTINGS;
import static dev.sluice.bench.load.H2Frames.WINDOW_UPDATE;
import static dev.sluice.bench.load.H2Frames.putFrame;

import dev.sluice.bench.load.H2Frames;
import dev.sluice.bench.load.SelectorLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bare HTTP/2 client over cleartext (h2c by prior knowledge) that opens all its streams at once,
 * ignoring the server's {@code SETTINGS_MAX_CONCURRENT_STREAMS}, as an attacker would (a
 * well-behaved client such as h2load waits for a place instead). One {@link SelectorLoop} drives
 * every connection. Responses are not decoded: frame headers only, counted; SETTINGS and PING are
 * acknowledged so that the server has no reason to close a connection but the flood itself.
 *
 * <p>Requests are written by {@link H2Frames}, so the server needs no HPACK table of ours. The
 * connection window is opened wide at the start; the streams' own windows (64 KiB each) are never
 * replenished, which is plenty for the few bytes a second the benchmark's streams send while a
 * flood lasts.
 */
final class H2cFlood implements AutoCloseable {
  private final SelectorLoop loop;
  private final List<Conn> conns = new ArrayList<>();

  /** Response HEADERS frames: one per stream the server answered, whatever the status. */
  final AtomicLong headers = new AtomicLong();

  /** Streams the server ended: END_STREAM on its HEADERS or DATA, or RST_STREAM. */
  final AtomicLong ended = new AtomicLong();

  final AtomicLong resets = new AtomicLong();
  final AtomicLong goAways = new AtomicLong();
  final AtomicInteger connectionsClosed = new AtomicInteger();

  /**
   * Connects {@code connections} times to 127.0.0.1:{@code port} and sends on each {@code streams}
   * requests for {@code path} at once; the responses are counted until {@link #close()}.
   */
  H2cFlood(int port, int connections, int streams, String path) throws IOException {
    this.loop = new SelectorLoop("h2c-flood", 100, new SelectorLoop.Rounds() {});
    byte[] requests = requests(port, streams, path);
    try {
      for (int i = 0; i < connections; i++) {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        channel.configureBlocking(false);
        Conn conn = new Conn(channel);
        conns.add(conn);
        conn.out.add(ByteBuffer.wrap(requests));
        conn.key =
            loop.register(channel, SelectionKey.OP_READ | SelectionKey.OP_WRITE, conn::ready);
      }
    } catch (IOException e) {
      close();
      throw e;
    }
    loop.start();
  }

  /** The preface, empty SETTINGS, a wide connection window, then one HEADERS per stream. */
  private static byte[] requests(int port, int streams, String path) {
    byte[] headerBlock = H2Frames.getEventStream(port, path);
    int settings = 9;
    int windowUpdate = 9 + 4;
    ByteBuffer all =
        ByteBuffer.allocate(
            PREFACE.length + settings + windowUpdate + streams * (9 + headerBlock.length));
    all.put(PREFACE);
    putFrame(all, SETTINGS, 0, 0, new byte[0]);
    putFrame(
        all,
        WINDOW_UPDATE,
        0,
        0,
        ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE - 65_535).array());
    for (int i = 0; i < streams; i++) {
      putFrame(all, HEADERS, END_HEADERS | END_STREAM, 2 * i + 1, headerBlock);
    }
    return all.array();
  }

  /** Stops reading and closes every connection; waits for the selector thread (5 s at most). */
  @Override
  public void close() {
    loop.close();
    for (Conn conn : conns) {
      try {
        conn.channel.close();
      } catch (IOException e) {
        // Closing is all we wanted.
      }
    }
  }

  @Override
  public String toString() {
    return "raw h2c: "
        + conns.size()
        + " connection(s), "
        + headers
        + " streams answered, "
        + ended
        + " ended by the server ("
        + resets
        + " by RST_STREAM), "
        + goAways
        + " GOAWAY, "
        + connectionsClosed
        + " connection(s) closed by the server";
  }

  /** One connection; the selector thread's own. */
  private final class Conn {
    final SocketChannel channel;
    final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    final ByteBuffer in = ByteBuffer.allocate(4 * LARGEST_FRAME);
    SelectionKey key;

    Conn(SocketChannel channel) {
      this.channel = channel;
    }

    void ready(SelectionKey readyKey) {
      try {
        if (readyKey.isValid() && readyKey.isReadable()) {
          read();
        }
        if (readyKey.isValid() && readyKey.isWritable()) {
          flush();
        }
      } catch (IOException e) {
        lost();
      }
    }

    void read() throws IOException {
      if (channel.read(in) < 0) {
        lost();
        return;
      }
      in.flip();
      while (in.remaining() >= 9) {
        int length =
            (in.get(in.position()) & 0xff) << 16 | (in.getShort(in.position() + 1) & 0xffff);
        if (in.remaining() < 9 + length) {
          break;
        }
        int type = in.get(in.position() + 3);
        int flags = in.get(in.position() + 4) & 0xff;
        byte[] payload = new byte[length];
        in.position(in.position() + 9);
        in.get(payload);
        onFrame(type, flags, payload);
      }
      in.compact();
      flush();
    }

    private void onFrame(int type, int flags, byte[] payload) {
      switch (type) {
        case HEADERS -> {
          headers.incrementAndGet();
          ended.addAndGet((flags & END_STREAM) != 0 ? 1 : 0);
        }
        case DATA -> ended.addAndGet((flags & END_STREAM) != 0 ? 1 : 0);
        case RST_STREAM -> {
          resets.incrementAndGet();
          ended.incrementAndGet();
        }
        case SETTINGS -> {
          if ((flags & ACK) == 0) {
            send(SETTINGS, ACK, new byte[0]);
          }
        }
        case PING -> {
          if ((flags & ACK) == 0) {
            send(PING, ACK, payload);
          }
        }
        case GOAWAY -> goAways.incrementAndGet();
        default -> {
          // WINDOW_UPDATE (we send no DATA), PRIORITY, CONTINUATION: nothing to count.
        }
      }
    }

    private void send(int type, int flags, byte[] payload) {
      ByteBuffer buffer = ByteBuffer.allocate(9 + payload.length);
      putFrame(buffer, type, flags, 0, payload);
      out.add(buffer.flip());
    }

    void flush() throws IOException {
      while (!out.isEmpty()) {
        channel.write(out.peek());
        if (out.peek().hasRemaining()) {
          key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
          return;
        }
        out.poll();
      }
      key.interestOps(SelectionKey.OP_READ);
    }

    void lost() {
      connectionsClosed.incrementAndGet();
      try {
        channel.close();
      } catch (IOException e) {
        // Closed either way.
      }
    }
  }
}
