package dev.sluice.samples.replay;

import dev.sluice.client.EventStreamParser;
import dev.sluice.client.MessageEvent;
import dev.sluice.samples.nio.HttpResponseReader;
import dev.sluice.samples.nio.SelectorLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many SSE clients on one selector thread, each of which hangs up at a few chosen points in the
 * stream and reconnects with {@code Last-Event-ID}, as a browser's {@code EventSource} does. Each
 * expects the events {@code "e-0"} to {@code "e-(n-1)"}, in order, exactly once.
 *
 * <p>HTTP/1.1 over plain non-blocking sockets, so that a hang-up is a real close of the socket at
 * an arbitrary byte (the rest of what was read is thrown away, half events included), and a
 * thousand streams cost one {@link SelectorLoop}. The body is de-chunked by {@link
 * HttpResponseReader} and read by the client's {@link EventStreamParser}. The last event id is the
 * last {@code id} a stream set; one that has set none yet keeps the previous stream's, as
 * Chromium's {@code EventSource} does (the standard's letter starts each stream's id buffer empty,
 * which would forget it at a first blank line such as a comment's).
 */
public final class ResumingClients implements AutoCloseable {
  private static final int MAX_CONNECTING = 64;

  private final InetSocketAddress server;
  private final String path;
  private final int events;
  private final Random random;
  private final List<Client> clients = new ArrayList<>();
  private final SelectorLoop loop;
  private final CountDownLatch allDone;
  private final CountDownLatch allSubscribed;

  /** On the heap: its bytes are parsed from its array. */
  private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);

  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger serverCloses = new AtomicInteger();
  private volatile boolean running = true;

  // Loop thread only.
  private final Deque<Client> toConnect = new ArrayDeque<>();
  private final PriorityQueue<Client> reconnects =
      new PriorityQueue<>((a, b) -> Long.compare(a.reconnectAt, b.reconnectAt));
  private int connecting;

  /**
   * @param clients how many clients
   * @param events how many events each expects
   * @param maxCuts each client hangs up after between 1 and this many events, chosen at random
   * @param seed for the hang-up points and reconnect delays
   */
  public ResumingClients(int port, String path, int clients, int events, int maxCuts, long seed)
      throws IOException {
    this.server = new InetSocketAddress("127.0.0.1", port);
    this.path = path;
    this.events = events;
    this.random = new Random(seed);
    for (int i = 0; i < clients; i++) {
      int cuts = 1 + random.nextInt(maxCuts);
      int[] at = random.ints(1, events).distinct().limit(cuts).sorted().toArray();
      this.clients.add(new Client(i, at));
    }
    this.allDone = new CountDownLatch(clients);
    this.allSubscribed = new CountDownLatch(clients);
    this.loop =
        new SelectorLoop(
            "resuming-sse-clients",
            new SelectorLoop.Rounds() {
              @Override
              public long beforeSelect() {
                startConnects();
                long timeoutMillis = 10;
                Client next = reconnects.peek();
                if (next != null) {
                  long wait = TimeUnit.NANOSECONDS.toMillis(next.reconnectAt - System.nanoTime());
                  timeoutMillis = Math.max(1, Math.min(timeoutMillis, wait));
                }
                return timeoutMillis;
              }

              @Override
              public void exiting() {
                for (Client client : ResumingClients.this.clients) {
                  client.closeChannel();
                }
              }
            });
  }

  /** Opens every client's first stream, without {@code Last-Event-ID}. */
  public void start() {
    toConnect.addAll(clients);
    loop.start();
  }

  /** True once every client has had the 200 of its first stream. */
  public boolean awaitFirstResponses(long timeout, TimeUnit unit) throws InterruptedException {
    return allSubscribed.await(timeout, unit);
  }

  /** True once every client has received all its events. */
  public boolean awaitDone(long timeout, TimeUnit unit) throws InterruptedException {
    return allDone.await(timeout, unit);
  }

  public List<Client> clients() {
    return Collections.unmodifiableList(clients);
  }

  /** Streams opened, first ones included. */
  public int connections() {
    return connections.get();
  }

  /** Streams the server ended before the client had all its events (a slow client, say). */
  public int serverCloses() {
    return serverCloses.get();
  }

  /** Unexpected exceptions on the client thread (the first one ends it). */
  public List<Throwable> loopErrors() {
    Throwable failure = loop.failure();
    return failure == null ? List.of() : List.of(failure);
  }

  /** Closes every socket and stops the client thread. */
  @Override
  public void close() {
    running = false;
    loop.close(); // its thread closes every socket on its way out
  }

  private void startConnects() {
    long now = System.nanoTime();
    while (!reconnects.isEmpty() && reconnects.peek().reconnectAt <= now) {
      toConnect.add(reconnects.poll());
    }
    while (connecting < MAX_CONNECTING && !toConnect.isEmpty()) {
      Client client = toConnect.poll();
      try {
        client.connect();
      } catch (IOException e) {
        client.lost();
      }
    }
  }

  /** One client: its hang-up points, what it received, and its current connection. */
  public final class Client {
    private final int index;
    private final int[] cutAfter;
    private int nextCut;
    private long reconnectAt;
    private volatile int received;
    private volatile String failure;
    private volatile int streams;
    private volatile String lastEventId;
    private boolean firstResponse;
    private boolean finished;

    // The connection.
    private SocketChannel channel;
    private SelectionKey key;
    private ByteBuffer request;
    private boolean connectingNow;
    private Response response;

    Client(int index, int[] cutAfter) {
      this.index = index;
      this.cutAfter = cutAfter;
    }

    /** Events received so far, in order; they are checked as they come. */
    public int received() {
      return received;
    }

    /** The first wrong event, or null. */
    public String failure() {
      return failure;
    }

    /** Streams this client opened. */
    public int streams() {
      return streams;
    }

    /** The points it hangs up at: after this many events. */
    public int[] cutAfter() {
      return cutAfter.clone();
    }

    public boolean isDone() {
      return received == events;
    }

    @Override
    public String toString() {
      return "client "
          + index
          + " (cuts "
          + Arrays.toString(cutAfter)
          + ", "
          + received
          + " events, "
          + streams
          + " streams, last id "
          + lastEventId
          + ")";
    }

    void connect() throws IOException {
      channel = SocketChannel.open();
      channel.configureBlocking(false);
      StringBuilder get =
          new StringBuilder()
              .append("GET ")
              .append(path)
              .append(" HTTP/1.1\r\n")
              .append("Host: 127.0.0.1:")
              .append(server.getPort())
              .append("\r\n")
              .append("Accept: text/event-stream\r\n");
      if (lastEventId != null) {
        get.append("Last-Event-ID: ").append(lastEventId).append("\r\n");
      }
      request = ByteBuffer.wrap(get.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
      response = new Response();
      connecting++;
      connectingNow = true;
      streams++;
      connections.incrementAndGet();
      if (channel.connect(server)) {
        key = loop.register(channel, SelectionKey.OP_WRITE, this::ready);
      } else {
        key = loop.register(channel, SelectionKey.OP_CONNECT, this::ready);
      }
    }

    private void ready(SelectionKey readyKey) {
      try {
        if (readyKey.isValid() && readyKey.isConnectable()) {
          finishConnect();
        }
        if (readyKey.isValid() && readyKey.isWritable()) {
          writeRequest();
        }
        if (readyKey.isValid() && readyKey.isReadable()) {
          read();
        }
      } catch (IOException e) {
        lost();
      }
    }

    void finishConnect() throws IOException {
      if (channel.finishConnect()) {
        key.interestOps(SelectionKey.OP_WRITE);
      }
    }

    void writeRequest() throws IOException {
      channel.write(request);
      if (!request.hasRemaining()) {
        key.interestOps(SelectionKey.OP_READ);
      }
    }

    void read() throws IOException {
      readBuffer.clear();
      int n = channel.read(readBuffer);
      if (n < 0) {
        lost();
        return;
      }
      readBuffer.flip();
      response.reader.read(readBuffer);
    }

    /** An event of the current stream, checked against the one expected. */
    private void dispatched(MessageEvent<String> event) {
      String payload = event.data();
      if (!event.type().equals("message")) {
        fail("unexpected event " + event.type() + " with data " + payload);
        return;
      }
      String expected = "e-" + received;
      if (!payload.equals(expected)) {
        fail(
            "expected "
                + expected
                + " but got "
                + payload
                + " on stream "
                + streams
                + " (last id "
                + lastEventId
                + ")");
        return;
      }
      received++;
      if (received == events) {
        finish();
      } else if (nextCut < cutAfter.length && received == cutAfter[nextCut]) {
        nextCut++;
        hangUp(random.nextInt(20));
      }
    }

    /** Records the first wrong thing and stops this client: the test fails fast. */
    private void fail(String message) {
      if (failure == null) {
        failure = "client " + index + ": " + message;
      }
      finish();
    }

    private void finish() {
      closeChannel();
      if (!finished) {
        finished = true;
        allDone.countDown();
      }
    }

    /** The server closed the stream, or a read failed: reconnect as EventSource would. */
    void lost() {
      if (finished) {
        closeChannel();
        return;
      }
      serverCloses.incrementAndGet();
      hangUp(50);
    }

    private void hangUp(int reconnectDelayMillis) {
      closeChannel();
      if (!running || finished) {
        return;
      }
      reconnectAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(reconnectDelayMillis);
      reconnects.add(this);
    }

    private void doneConnecting() {
      if (connectingNow) {
        connectingNow = false;
        connecting--;
      }
    }

    /**
     * One connection's response, de-chunked and parsed; once the client hangs up, the rest of what
     * was read is ignored, as it would be never read.
     */
    private final class Response
        implements HttpResponseReader.Listener, EventStreamParser.Listener {
      final HttpResponseReader reader = new HttpResponseReader(this);
      final EventStreamParser parser = new EventStreamParser(this);

      private boolean current() {
        return response == this && channel != null;
      }

      @Override
      public void head(String statusLine, int status, Map<String, String> headers) {
        if (!current()) {
          return;
        }
        doneConnecting();
        if (!statusLine.startsWith("HTTP/1.1 200")) {
          fail("got " + statusLine);
          return;
        }
        if (!firstResponse) {
          firstResponse = true;
          allSubscribed.countDown();
        }
      }

      @Override
      public void body(byte[] bytes, int offset, int length) {
        if (current()) {
          parser.feed(bytes, offset, length);
        }
      }

      @Override
      public void complete() {
        if (current()) {
          lost(); // the last chunk: the server ended the response
        }
      }

      @Override
      public void onEvent(MessageEvent<String> event) {
        if (current()) {
          keepLastEventId();
          dispatched(event);
        }
      }

      @Override
      public void onBlockWithoutData() {
        if (current()) {
          keepLastEventId();
        }
      }

      private void keepLastEventId() {
        if (!parser.lastEventId().isEmpty()) {
          lastEventId = parser.lastEventId();
        }
      }
    }

    void closeChannel() {
      doneConnecting();
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException e) {
          // closing anyway
        }
        channel = null;
      }
    }
  }
}
