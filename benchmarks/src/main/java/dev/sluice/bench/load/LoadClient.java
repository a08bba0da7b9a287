package dev.sluice.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The load benchmark's HTTP/1.1 client: one {@link SelectorLoop} drives every {@code GET} stream,
 * so that 10,000 subscribers need no 10,000 threads. Adapted from the samples' {@code
 * SseLoadClient}, cut down for speed: it keeps no events, only counts them ({@link EventReader}
 * checks each stream's numbering and records latencies and gaps).
 *
 * <p>Counters on {@link Conn} are written by the selector thread; read them after {@link #close()},
 * whose join makes them visible. The atomic totals of {@link #tally()} may be read at any time.
 */
public final class LoadClient implements EventClient {
  private final InetSocketAddress server;
  private final SelectorLoop loop;
  private final Set<Conn> live = new HashSet<>(); // selector thread only

  /** On the heap: the parser reads a body straight from its array. */
  private final ByteBuffer readBuffer = ByteBuffer.allocate(256 * 1024);

  private final Tally tally = new Tally();

  public LoadClient(int port) throws IOException {
    this.server = new InetSocketAddress("127.0.0.1", port);
    this.loop =
        new SelectorLoop(
            "load-client",
            100,
            new SelectorLoop.Rounds() {
              @Override
              public void exiting() {
                for (Conn conn : new ArrayList<>(live)) {
                  conn.end(false);
                }
              }
            });
    loop.start();
  }

  /** Opens a connection and sends {@code GET path}; returns at once. */
  @Override
  public Conn open(String path) {
    Conn conn = new Conn(path);
    loop.execute(conn::connect);
    return conn;
  }

  @Override
  public Tally tally() {
    return tally;
  }

  /**
   * Starts recording the latency of events that carry a publish time, and the gaps between events;
   * off at first (a clock reading per read costs the bursts their speed).
   */
  public void recordLatency() {
    tally.recordLatency = true;
  }

  /** Closes every connection and stops the selector thread; waits for it (5 s at most). */
  @Override
  public void close() {
    loop.close();
  }

  /** One stream on a connection of its own. Fields are the selector thread's. */
  public final class Conn extends EventReader {
    private final ByteBuffer request;
    private SocketChannel channel;
    private SelectionKey key;
    private final Http http = new Http();
    int status = -1;

    private Conn(String path) {
      super(tally);
      String text =
          "GET "
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1:"
              + server.getPort()
              + "\r\nAccept: text/event-stream\r\n\r\n";
      request = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private void connect() {
      try {
        channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        live.add(this);
        key = loop.register(channel, SelectionKey.OP_CONNECT, this::ready);
        if (channel.connect(server)) {
          connected();
        }
      } catch (IOException e) {
        // Typically "Too many open files": the caller sees the count and skips the scenario.
        tally.connectFailures.incrementAndGet();
        tally.firstConnectError.compareAndSet(null, e);
        end(false);
      }
    }

    private void ready(SelectionKey readyKey) {
      try {
        if (readyKey.isValid() && readyKey.isConnectable() && channel.finishConnect()) {
          connected();
        }
        if (readyKey.isValid() && readyKey.isWritable()) {
          writeRequest();
        }
        if (readyKey.isValid() && readyKey.isReadable()) {
          read();
        }
      } catch (IOException e) {
        if (!channel.isConnected()) {
          tally.connectFailures.incrementAndGet();
          tally.firstConnectError.compareAndSet(null, e);
        }
        end(false);
      }
    }

    private void connected() throws IOException {
      tally.connected.incrementAndGet();
      key.interestOps(SelectionKey.OP_WRITE);
      writeRequest();
    }

    private void writeRequest() throws IOException {
      channel.write(request);
      if (!request.hasRemaining()) {
        key.interestOps(SelectionKey.OP_READ);
      }
    }

    private void read() throws IOException {
      // A few reads, then the next connection's turn: fair across thousands of streams.
      for (int i = 0; i < 4 && !isEnded(); i++) {
        readBuffer.clear();
        int n = channel.read(readBuffer);
        if (n < 0) {
          end(http.endedByEof()); // a body without length or chunks ends so
          return;
        }
        if (n == 0) {
          return;
        }
        readBuffer.flip();
        // Everything in one read arrived at once: one clock reading for all its events.
        long now = tally.recordLatency ? Payloads.wallMicros() : 0;
        http.consume(readBuffer, this, now);
      }
    }

    void headParsed(int code) {
      status = code;
    }

    void completed() {
      end(true); // one response per connection here
    }

    private void end(boolean byItsFraming) {
      if (isEnded()) {
        return;
      }
      ended(byItsFraming);
      live.remove(this);
      if (channel != null) {
        try {
          channel.close(); // also cancels the key
        } catch (IOException ignored) {
          // Closing is all we wanted.
        }
      }
    }
  }

  /** The HTTP/1.1 response framing of one connection: head, then a chunked or plain body. */
  private static final class Http {
    private enum State {
      HEAD,
      CHUNK_SIZE,
      CHUNK_DATA,
      CHUNK_END,
      TRAILER,
      BODY,
      DONE
    }

    private State state = State.HEAD;
    private final StringBuilder head = new StringBuilder();
    private long remaining;
    private long chunkSize;
    private boolean sizeDigits = true;

    /** Whether the body is one that ends where the connection does (Undertow's SSE). */
    boolean endedByEof() {
      return state == State.BODY && remaining < 0;
    }

    /** Reads what {@code in} holds; a body's bytes go to the stream a run at a time. */
    void consume(ByteBuffer in, Conn conn, long now) {
      byte[] bytes = in.array();
      while (in.hasRemaining() && state != State.DONE) {
        switch (state) {
          case CHUNK_DATA -> {
            int n = (int) Math.min(remaining, in.remaining());
            conn.body(bytes, in.position(), n, now);
            in.position(in.position() + n);
            remaining -= n;
            if (remaining == 0) {
              state = State.CHUNK_END;
            }
          }
          case BODY -> {
            int n = remaining < 0 ? in.remaining() : (int) Math.min(remaining, in.remaining());
            conn.body(bytes, in.position(), n, now);
            in.position(in.position() + n);
            if (remaining > 0) {
              remaining -= n;
              if (remaining == 0) {
                state = State.DONE;
                conn.completed();
              }
            }
          }
          default -> framing(in.get(), conn);
        }
      }
    }

    /** A byte of the head or of the chunked framing around the data. */
    private void framing(byte b, Conn conn) {
      switch (state) {
        case HEAD -> {
          head.append((char) (b & 0xff));
          int n = head.length();
          if (b == '\n' && n >= 4 && head.charAt(n - 3) == '\n' && head.charAt(n - 4) == '\r') {
            parseHead(conn);
          }
        }
        case CHUNK_SIZE -> {
          if (b == '\n') {
            state = chunkSize == 0 ? State.TRAILER : State.CHUNK_DATA;
            remaining = chunkSize;
            chunkSize = 0;
            sizeDigits = true;
          } else if (sizeDigits && Character.digit(b, 16) >= 0) {
            chunkSize = chunkSize * 16 + Character.digit(b, 16);
          } else {
            sizeDigits = false; // CR, or a chunk extension
          }
        }
        case CHUNK_END -> {
          if (b == '\n') {
            state = State.CHUNK_SIZE;
          }
        }
        case TRAILER -> {
          // Trailer lines, then an empty one; these servers send none: "\r\n" only.
          if (b == '\n') {
            state = State.DONE;
            conn.completed();
          }
        }
        default -> throw new AssertionError(state);
      }
    }

    private void parseHead(Conn conn) {
      String[] lines = head.toString().split("\r\n");
      conn.headParsed(Integer.parseInt(lines[0].split(" ")[1]));
      state = State.BODY;
      remaining = -1; // until EOF
      for (int i = 1; i < lines.length; i++) {
        String lower = lines[i].toLowerCase(Locale.ROOT);
        if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          state = State.CHUNK_SIZE;
        } else if (lower.startsWith("content-length:")) {
          remaining = Long.parseLong(lower.substring("content-length:".length()).trim());
          if (remaining == 0) {
            state = State.DONE;
            conn.completed();
            return;
          }
        }
      }
    }
  }
}
