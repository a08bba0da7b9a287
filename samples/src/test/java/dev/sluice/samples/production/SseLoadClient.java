package dev.sluice.samples.production;

import dev.sluice.client.EventStreamParser;
import dev.sluice.client.MessageEvent;
import dev.sluice.samples.nio.HttpResponseReader;
import dev.sluice.samples.nio.SelectorLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A small non-blocking Server-Sent Events client for load and lifecycle tests: one {@link
 * SelectorLoop} drives any number of HTTP/1.1 {@code GET} streams, so a test can hold a thousand
 * streams open without a thousand threads.
 *
 * <pre>{@code
 * try (SseLoadClient client = new SseLoadClient(server.port())) {
 *   List<SseLoadClient.Connection> readers = client.request("/events").open(1000);
 *   SseLoadClient.Connection slow = client.request("/events").receiveBufferSize(4096).open();
 *   slow.awaitHead(Duration.ofSeconds(5));
 *   slow.pause();                          // stops reading; the socket stays open
 *   ...
 *   readers.get(0).events();               // what it received, parsed
 * }
 * }</pre>
 *
 * <p>Per connection it reads the status line and headers and undoes the body's framing (chunked,
 * {@code Content-Length}, or to EOF) with {@link HttpResponseReader}, and reads a {@code
 * text/event-stream} body with the client's {@link EventStreamParser}, as a Sluice client would:
 * each event it dispatches is an {@link Event}. Comment lines (heartbeats are bare {@code :} lines)
 * are counted apart from events. A body of any other type is kept as text, which is how a 503's
 * message is read.
 *
 * <p>Threading: everything that touches a socket runs on the client's selector thread; calls from
 * other threads ({@code open}, {@code pause}, {@code close}...) are queued to it. A {@link
 * Listener} is called on the selector thread and must not block. The getters of a {@link
 * Connection} may be called from any thread and see a consistent snapshot.
 */
public final class SseLoadClient implements AutoCloseable {
  /**
   * An event the parser dispatched (a block with data), or a block that set a {@code retry} and no
   * data, such as a server's last words before it closes ({@code retry} and a comment): those count
   * as events here, though an {@code EventSource} shows none.
   *
   * @param id the stream's last event id at this block (its own {@code id}, or the last one before
   *     it), or null while the stream has set none
   * @param event the event's type ({@code "message"} unless its block named one), or null for a
   *     block without data
   * @param data the {@code data} lines joined with LF, or null for a block without data
   * @param retry the block's {@code retry}, in milliseconds, or null if it set none
   */
  public record Event(String id, String event, String data, Long retry) {}

  /** How a connection ended, from the client's side. */
  public enum Closure {
    /** The server closed the connection (a read returned end-of-stream). */
    EOF,
    /** The connection was reset, or another I/O error ended it. */
    RESET,
    /** This client closed it, gracefully or abruptly. */
    CLOSED_BY_CLIENT,
    /** The connection could not be opened. */
    CONNECT_FAILED,
    /** The response could not be parsed; the client closed the connection. */
    MALFORMED
  }

  /**
   * Callbacks on the selector thread, for tests that need to react (close after the head) or that
   * receive too much to retain. They must not block.
   */
  public interface Listener {
    default void onHead(Connection connection) {}

    default void onEvent(Connection connection, Event event) {}

    default void onComment(Connection connection, String comment) {}

    /** The connection closed, for whatever reason; called once. */
    default void onClosed(Connection connection) {}
  }

  private static final Listener NO_LISTENER = new Listener() {};
  private static final int MAX_TEXT_BODY = 64 * 1024;

  private final InetSocketAddress server;
  private final SelectorLoop loop;

  /** Selector thread only; closed connections are forgotten, so churn does not grow it. */
  private final Set<Connection> live = new HashSet<>();

  /**
   * One buffer for every read, on the heap: its bytes are parsed from its array before the next.
   */
  private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);

  private int nextIndex;

  /** A client of the server listening on {@code 127.0.0.1:port}. Starts its thread. */
  public SseLoadClient(int port) {
    this(new InetSocketAddress("127.0.0.1", port));
  }

  public SseLoadClient(InetSocketAddress server) {
    this.server = server;
    this.loop =
        new SelectorLoop(
            "sse-load-client",
            new SelectorLoop.Rounds() {
              @Override
              public void exiting() {
                for (Connection connection : new ArrayList<>(live)) {
                  connection.end(Closure.CLOSED_BY_CLIENT, null, false);
                }
              }
            });
    loop.start();
  }

  /** Starts describing a {@code GET} of {@code path} (with its query string, if any). */
  public Request request(String path) {
    return new Request(path);
  }

  /** Closes every connection gracefully and stops the selector thread; waits for it. */
  @Override
  public void close() {
    loop.close();
  }

  /** Runs {@code task} on the selector thread: now when already on it, else queued. */
  private void execute(Runnable task) {
    loop.execute(task);
  }

  /** One request to open, possibly many times. Not thread-safe. */
  public final class Request {
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private int receiveBufferSize;
    private boolean retainEvents = true;
    private Listener listener = NO_LISTENER;

    private Request(String path) {
      this.path = path;
      headers.put("Accept", "text/event-stream");
    }

    public Request header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /**
     * Asks the kernel for a small receive buffer (set before connecting, so the TCP window is small
     * from the start): a paused connection then pushes back on the server sooner.
     */
    public Request receiveBufferSize(int bytes) {
      this.receiveBufferSize = bytes;
      return this;
    }

    /**
     * Whether to keep every event and comment for {@link Connection#events()}; default true. Turn
     * it off for long runs, where counts and a {@link Listener} are enough.
     */
    public Request retainEvents(boolean retain) {
      this.retainEvents = retain;
      return this;
    }

    public Request listener(Listener listener) {
      this.listener = listener;
      return this;
    }

    /** Opens one connection and sends the request; returns at once. */
    public Connection open() {
      StringBuilder request =
          new StringBuilder()
              .append("GET ")
              .append(path)
              .append(" HTTP/1.1\r\n")
              .append("Host: ")
              .append(server.getHostString())
              .append(':')
              .append(server.getPort())
              .append("\r\n");
      headers.forEach(
          (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
      request.append("\r\n");
      Connection connection;
      synchronized (SseLoadClient.this) {
        connection =
            new Connection(
                nextIndex++, path, request.toString(), receiveBufferSize, retainEvents, listener);
      }
      execute(connection::connect);
      return connection;
    }

    /** Opens {@code n} connections at once. */
    public List<Connection> open(int n) {
      List<Connection> connections = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        connections.add(open());
      }
      return connections;
    }
  }

  /**
   * One HTTP/1.1 exchange on its own socket. Fields under "selector thread only" are parsing state;
   * the rest is guarded by this object's monitor, which waiters wait on.
   */
  public final class Connection {
    private final int index;
    private final String path;
    private final ByteBuffer request;
    private final int receiveBufferSize;
    private final boolean retainEvents;
    private final Listener listener;

    // Selector thread only.
    private SocketChannel channel;
    private SelectionKey key;
    private final HttpResponseReader response = new HttpResponseReader(new Response());
    private EventStreamParser sse;

    // Guarded by this.
    private int status = -1;
    private Map<String, String> headers = Map.of();
    private final List<Event> events = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();
    private long eventCount;
    private long commentCount;
    private long bytesRead;
    private final StringBuilder text = new StringBuilder();
    private boolean responseComplete;
    private boolean paused;
    private Closure closure;
    private IOException error;

    private Connection(
        int index,
        String path,
        String request,
        int receiveBufferSize,
        boolean retainEvents,
        Listener listener) {
      this.index = index;
      this.path = path;
      this.request = ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1));
      this.receiveBufferSize = receiveBufferSize;
      this.retainEvents = retainEvents;
      this.listener = listener;
    }

    /** The order in which this client opened it, from 0. */
    public int index() {
      return index;
    }

    /** The status code, or -1 before the head arrived. */
    public synchronized int status() {
      return status;
    }

    /** A response header by lower-case name, or null. */
    public synchronized String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The events received so far (empty unless the request retained events). */
    public synchronized List<Event> events() {
      return List.copyOf(events);
    }

    /** The comment lines received so far, without the colon and one leading space. */
    public synchronized List<String> comments() {
      return List.copyOf(comments);
    }

    public synchronized long eventCount() {
      return eventCount;
    }

    /** Comment lines, heartbeats included. */
    public synchronized long commentCount() {
      return commentCount;
    }

    /** Bytes read from the socket, head included. */
    public synchronized long bytesRead() {
      return bytesRead;
    }

    /** A body that is not an event stream (an error page), as text. */
    public synchronized String text() {
      return text.toString();
    }

    /** Whether the body's framing ended: the last chunk, or the whole {@code Content-Length}. */
    public synchronized boolean responseComplete() {
      return responseComplete;
    }

    /** How the connection closed, or null while it is open. */
    public synchronized Closure closure() {
      return closure;
    }

    /** The I/O error that ended the connection, if one did. */
    public synchronized IOException error() {
      return error;
    }

    /** The response ended, by its framing or by the connection closing. */
    public synchronized boolean ended() {
      return responseComplete || closure != null;
    }

    /** Waits until {@code condition} holds; false on timeout. */
    public boolean await(Predicate<Connection> condition, Duration timeout)
        throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      synchronized (this) {
        while (!condition.test(this)) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          wait(Math.max(1, left / 1_000_000));
        }
        return true;
      }
    }

    /** Waits for the status line and headers, or the end of the connection. */
    public boolean awaitHead(Duration timeout) throws InterruptedException {
      return await(c -> c.status >= 0 || c.closure != null, timeout) && status() >= 0;
    }

    /** Waits for at least {@code n} events. */
    public boolean awaitEvents(long n, Duration timeout) throws InterruptedException {
      return await(c -> c.eventCount >= n, timeout);
    }

    /** Waits for the end of the response (see {@link #ended()}). */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
      return await(Connection::ended, timeout);
    }

    /** Waits for the connection to close (see {@link #closure()}). */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
      return await(c -> c.closure != null, timeout);
    }

    /**
     * Stops reading but keeps the socket open: the kernel's receive buffer fills, the TCP window
     * closes, and the server's writes back up, as with a client on a slow link.
     */
    public void pause() {
      execute(
          () -> {
            synchronized (this) {
              paused = true;
            }
            updateInterest();
          });
    }

    /** Starts reading again after {@link #pause()}. */
    public void resume() {
      execute(
          () -> {
            synchronized (this) {
              paused = false;
            }
            updateInterest();
          });
    }

    /** Closes the socket gracefully (FIN), as a browser tab that is closed. */
    public void close() {
      execute(() -> end(Closure.CLOSED_BY_CLIENT, null, false));
    }

    /** Closes the socket abruptly (RST, by a zero linger), as a client that crashed. */
    public void abort() {
      execute(() -> end(Closure.CLOSED_BY_CLIENT, null, true));
    }

    /** One line for failure messages. */
    @Override
    public synchronized String toString() {
      return "#"
          + index
          + " GET "
          + path
          + " status="
          + status
          + " events="
          + eventCount
          + " comments="
          + commentCount
          + " bytes="
          + bytesRead
          + " complete="
          + responseComplete
          + " closure="
          + closure
          + (error != null ? " error=" + error : "");
    }

    // Everything below runs on the selector thread.

    private void connect() {
      try {
        channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (receiveBufferSize > 0) {
          channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferSize);
        }
        live.add(this);
        key = loop.register(channel, SelectionKey.OP_CONNECT, this::ready);
        if (channel.connect(server)) {
          connected();
        }
      } catch (IOException e) {
        end(Closure.CONNECT_FAILED, e, false);
      }
    }

    private void ready(SelectionKey readyKey) {
      try {
        if (readyKey.isValid() && readyKey.isConnectable()) {
          if (channel.finishConnect()) {
            connected();
          }
        }
        if (readyKey.isValid() && readyKey.isWritable()) {
          writeRequest();
        }
        if (readyKey.isValid() && readyKey.isReadable()) {
          read();
        }
      } catch (IOException e) {
        end(channel.isConnected() ? Closure.RESET : Closure.CONNECT_FAILED, e, false);
      } catch (RuntimeException e) {
        end(Closure.MALFORMED, new IOException("malformed response: " + e, e), false);
      }
    }

    private void connected() throws IOException {
      key.interestOps(SelectionKey.OP_WRITE);
      writeRequest();
    }

    private void writeRequest() throws IOException {
      channel.write(request);
      if (!request.hasRemaining()) {
        updateInterest();
      }
    }

    /** Reads when the request is out and the connection is not paused. */
    private void updateInterest() {
      if (key == null || !key.isValid() || request.hasRemaining()) {
        return;
      }
      boolean stopped;
      synchronized (this) {
        stopped = paused;
      }
      key.interestOps(stopped ? 0 : SelectionKey.OP_READ);
    }

    private void read() throws IOException {
      // A few reads per wake-up, then the next connection's turn: fairness across thousands.
      for (int i = 0; i < 4 && key.isValid(); i++) {
        synchronized (this) {
          if (paused) {
            return;
          }
        }
        readBuffer.clear();
        int n = channel.read(readBuffer);
        if (n < 0) {
          end(Closure.EOF, null, false);
          return;
        }
        if (n == 0) {
          return;
        }
        synchronized (this) {
          bytesRead += n;
        }
        readBuffer.flip();
        consume(readBuffer);
      }
    }

    private void consume(ByteBuffer in) {
      if (!isClosed()) {
        response.read(in);
      }
    }

    private synchronized boolean isClosed() {
      return closure != null;
    }

    private void event(Event event) {
      synchronized (this) {
        eventCount++;
        if (retainEvents) {
          events.add(event);
        }
        notifyAll();
      }
      listener.onEvent(this, event);
    }

    private void comment(String comment) {
      synchronized (this) {
        commentCount++;
        if (retainEvents) {
          comments.add(comment);
        }
        notifyAll();
      }
      listener.onComment(this, comment);
    }

    /** The response as {@link HttpResponseReader} reads it. */
    private final class Response implements HttpResponseReader.Listener {
      @Override
      public void head(String statusLine, int code, Map<String, String> parsed) {
        String type = parsed.getOrDefault("content-type", "");
        if (code == 200 && type.startsWith("text/event-stream")) {
          sse = new EventStreamParser(new Events());
        }
        synchronized (Connection.this) {
          status = code;
          headers = parsed;
          Connection.this.notifyAll();
        }
        listener.onHead(Connection.this);
      }

      @Override
      public void body(byte[] bytes, int offset, int length) {
        if (isClosed()) {
          return; // closed while this read was parsed: the rest is not read
        }
        if (sse != null) {
          sse.feed(bytes, offset, length);
          return;
        }
        synchronized (Connection.this) {
          for (int i = offset; i < offset + length && text.length() < MAX_TEXT_BODY; i++) {
            text.append((char) (bytes[i] & 0xff)); // error pages here are ASCII
          }
        }
      }

      @Override
      public void complete() {
        synchronized (Connection.this) {
          responseComplete = true;
          Connection.this.notifyAll();
        }
      }
    }

    /** The parser's events, and a block that set only a retry, as {@link Event}s. */
    private final class Events implements EventStreamParser.Listener {
      /** The retry of the block being read. */
      private Long retry;

      @Override
      public void onEvent(MessageEvent<String> dispatched) {
        Long blockRetry = retry;
        retry = null;
        event(
            new Event(
                idOrNull(dispatched.lastEventId()),
                dispatched.type(),
                dispatched.data(),
                blockRetry));
      }

      @Override
      public void onRetry(long millis) {
        retry = millis;
      }

      @Override
      public void onComment(String text) {
        comment(text);
      }

      @Override
      public void onBlockWithoutData() {
        if (retry != null) {
          Long blockRetry = retry;
          retry = null;
          event(new Event(idOrNull(sse.lastEventId()), null, null, blockRetry));
        }
      }

      private String idOrNull(String id) {
        return id.isEmpty() ? null : id;
      }
    }

    /** Closes the socket (abruptly: with a zero linger, so the kernel sends RST) once. */
    private void end(Closure how, IOException cause, boolean abrupt) {
      synchronized (this) {
        if (closure != null) {
          return;
        }
        closure = how;
        error = cause;
        notifyAll();
      }
      live.remove(this);
      if (channel != null) {
        try {
          if (abrupt && channel.isConnected()) {
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
          }
          channel.close(); // also cancels the key
        } catch (IOException ignored) {
          // Closing is all we wanted.
        }
      }
      listener.onClosed(this);
    }
  }
}
