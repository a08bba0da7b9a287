package dev.sluice.samples.replay;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * thousand streams cost one thread. The body is de-chunked and parsed per the SSE spec: lines end
 * in CR, LF or CRLF, {@code data} lines accumulate, a blank line dispatches, and the last event id
 * is what the last dispatched event carried.
 */
public final class ResumingClients implements AutoCloseable {
  private static final int MAX_CONNECTING = 64;

  private final InetSocketAddress server;
  private final String path;
  private final int events;
  private final Random random;
  private final List<Client> clients = new ArrayList<>();
  private final Selector selector;
  private final Thread loop;
  private final CountDownLatch allDone;
  private final CountDownLatch allSubscribed;
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
  private final ConcurrentLinkedQueue<Throwable> loopErrors = new ConcurrentLinkedQueue<>();
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
    this.selector = Selector.open();
    this.loop = new Thread(this::run, "resuming-sse-clients");
    this.loop.setDaemon(true);
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

  /** Unexpected exceptions on the client thread. */
  public List<Throwable> loopErrors() {
    return new ArrayList<>(loopErrors);
  }

  /** Closes every socket and stops the client thread. */
  @Override
  public void close() throws IOException {
    running = false;
    selector.wakeup();
    try {
      loop.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Client client : clients) {
      client.closeChannel();
    }
    selector.close();
  }

  private void run() {
    try {
      while (running) {
        startConnects();
        long timeoutMillis = 10;
        Client next = reconnects.peek();
        if (next != null) {
          long wait = TimeUnit.NANOSECONDS.toMillis(next.reconnectAt - System.nanoTime());
          timeoutMillis = Math.max(1, Math.min(timeoutMillis, wait));
        }
        selector.select(timeoutMillis);
        for (SelectionKey key : selector.selectedKeys()) {
          Client client = (Client) key.attachment();
          try {
            if (key.isValid() && key.isConnectable()) {
              client.finishConnect();
            }
            if (key.isValid() && key.isWritable()) {
              client.writeRequest();
            }
            if (key.isValid() && key.isReadable()) {
              client.read();
            }
          } catch (IOException e) {
            client.lost();
          }
        }
        selector.selectedKeys().clear();
      }
    } catch (IOException | RuntimeException | Error e) {
      loopErrors.add(e);
    }
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
    private boolean inHead;
    private boolean connectingNow;
    private final StringBuilder head = new StringBuilder();
    private boolean chunked;
    // De-chunking.
    private int chunkState; // 0 size line, 1 data, 2 CRLF after data
    private long chunkLeft;
    private final StringBuilder chunkLine = new StringBuilder();
    // SSE parsing, per the spec's "interpreting an event stream".
    private byte[] line = new byte[128];
    private int lineLength;
    private boolean afterCr;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String eventType;
    private String idBuffer;

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
      head.setLength(0);
      inHead = true;
      chunked = false;
      chunkState = 0;
      chunkLine.setLength(0);
      resetParser();
      connecting++;
      connectingNow = true;
      streams++;
      connections.incrementAndGet();
      if (channel.connect(server)) {
        key = channel.register(selector, SelectionKey.OP_WRITE, this);
      } else {
        key = channel.register(selector, SelectionKey.OP_CONNECT, this);
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
      while (readBuffer.hasRemaining() && channel != null) {
        byte b = readBuffer.get();
        if (inHead) {
          headByte(b);
        } else if (chunked) {
          chunkByte(b);
        } else {
          sseByte(b);
        }
      }
    }

    private void headByte(byte b) {
      head.append((char) (b & 0xff));
      int length = head.length();
      if (length >= 4
          && head.charAt(length - 1) == '\n'
          && head.charAt(length - 2) == '\r'
          && head.charAt(length - 3) == '\n'
          && head.charAt(length - 4) == '\r') {
        inHead = false;
        String text = head.toString();
        doneConnecting();
        if (!text.startsWith("HTTP/1.1 200")) {
          fail("got " + text.lines().findFirst().orElse(text));
          return;
        }
        chunked = text.toLowerCase().contains("transfer-encoding: chunked");
        if (!firstResponse) {
          firstResponse = true;
          allSubscribed.countDown();
        }
      }
    }

    private void chunkByte(byte b) {
      switch (chunkState) {
        case 0: // the size line, hex digits and maybe extensions, ending in CRLF
          if (b == '\n') {
            String size = chunkLine.toString().trim();
            int semicolon = size.indexOf(';');
            chunkLeft = Long.parseLong(semicolon >= 0 ? size.substring(0, semicolon) : size, 16);
            chunkLine.setLength(0);
            chunkState = 1;
            if (chunkLeft == 0) {
              lost(); // the last chunk: the server ended the response
            }
          } else {
            chunkLine.append((char) b);
          }
          return;
        case 1:
          sseByte(b);
          if (--chunkLeft == 0) {
            chunkState = 2;
          }
          return;
        default: // CRLF after the data
          if (b == '\n') {
            chunkState = 0;
          }
      }
    }

    private void sseByte(byte b) {
      if (b == '\n' && afterCr) {
        afterCr = false; // the LF of a CRLF
        return;
      }
      afterCr = b == '\r';
      if (b == '\n' || b == '\r') {
        processLine();
        lineLength = 0;
        return;
      }
      if (lineLength == line.length) {
        line = Arrays.copyOf(line, line.length * 2);
      }
      line[lineLength++] = b;
    }

    private void processLine() {
      if (lineLength == 0) {
        dispatch();
        return;
      }
      if (line[0] == ':') {
        return; // a comment, such as a heartbeat
      }
      int colon = 0;
      while (colon < lineLength && line[colon] != ':') {
        colon++;
      }
      String field = new String(line, 0, colon, StandardCharsets.UTF_8);
      int from = Math.min(lineLength, colon + 1);
      if (from < lineLength && line[from] == ' ') {
        from++;
      }
      String value = new String(line, from, lineLength - from, StandardCharsets.UTF_8);
      switch (field) {
        case "data":
          data.append(value).append('\n');
          hasData = true;
          break;
        case "id":
          if (value.indexOf('\0') < 0) {
            idBuffer = value;
          }
          break;
        case "event":
          eventType = value;
          break;
        default:
          break; // retry, and fields the spec says to ignore
      }
    }

    private void dispatch() {
      if (idBuffer != null) {
        lastEventId = idBuffer;
      }
      if (!hasData) {
        eventType = null;
        return;
      }
      data.setLength(data.length() - 1);
      String payload = data.toString();
      String type = eventType;
      data.setLength(0);
      hasData = false;
      eventType = null;
      if (type != null && !type.equals("message")) {
        fail("unexpected event " + type + " with data " + payload);
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

    private void resetParser() {
      lineLength = 0;
      afterCr = false;
      data.setLength(0);
      hasData = false;
      eventType = null;
      idBuffer = null; // the id buffer is per stream; lastEventId survives reconnects
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
