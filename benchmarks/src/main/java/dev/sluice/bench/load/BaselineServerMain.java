package dev.sluice.bench.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.handlers.PathHandler;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline of the load benchmark: the same routes as {@link SluiceServerMain}, written by hand
 * on Undertow's own SSE support, as an application without Sluice would. Run in its own JVM: {@code
 * java -cp sluice-benchmarks.jar dev.sluice.bench.load.BaselineServerMain --port N [--http2]}.
 * Prints {@code READY <port>} once listening on 127.0.0.1.
 */
public final class BaselineServerMain {
  /**
   * Burst events written or queued but not yet confirmed, per connection: 1024 of 64 bytes, the 64
   * KiB Sluice lets one stream buffer by default. Without a bound {@code send} queues without
   * limit, and a fast producer fills the heap.
   */
  static final int WINDOW = 1024;

  /**
   * The first block of {@code /fanout-wrapped}, where Sluice's stream has a comment. Undertow's
   * connection can send no comment; a {@code retry:} field is the nearest block that dispatches no
   * event, and its five seconds change nothing for a client that never reconnects.
   */
  static final long FIRST_RETRY_MILLIS = 5_000;

  private static final Set<ServerSentEventConnection> SUBSCRIBERS = ConcurrentHashMap.newKeySet();
  private static final Set<ServerSentEventConnection> QUOTE_SUBSCRIBERS =
      ConcurrentHashMap.newKeySet();
  private static final AtomicLong FAILURES = new AtomicLong();
  private static final ObjectMapper JSON = new ObjectMapper();

  private BaselineServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    Control control = new Control();
    PathHandler routes =
        new PathHandler()
            .addExactPath("/burst", new ServerSentEventHandler(BaselineServerMain::burst))
            .addExactPath("/fanout", new ServerSentEventHandler(BaselineServerMain::subscribe))
            .addExactPath(
                "/fanout-wrapped", new ServerSentEventHandler(BaselineServerMain::subscribeWrapped))
            .addExactPath(
                "/fanout-json", new ServerSentEventHandler(BaselineServerMain::subscribeQuotes))
            .addExactPath("/publish", control.publish(BaselineServerMain::broadcast))
            .addExactPath("/publish-json", control.publish(BaselineServerMain::broadcastQuote))
            .addExactPath("/heap", Control.heap())
            .addExactPath(
                "/stats",
                Control.stats(
                    () -> (SUBSCRIBERS.size() + QUOTE_SUBSCRIBERS.size()) + " " + FAILURES.get()));
    Undertow server =
        Undertow.builder()
            .addHttpListener(ServerArgs.port(args), "127.0.0.1")
            .setServerOption(UndertowOptions.ENABLE_HTTP2, ServerArgs.http2(args))
            .setHandler(routes)
            .build();
    server.start();
    int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    System.out.println("READY " + port);
    System.out.flush();
    new CountDownLatch(1).await(); // until the runner kills this process
  }

  private static void burst(ServerSentEventConnection connection, String lastEventId) {
    Deque<String> n = connection.getQueryParameters().get("n");
    new Burst(connection, n == null ? 0 : Long.parseLong(n.getFirst())).pump();
  }

  private static void subscribe(ServerSentEventConnection connection, String lastEventId) {
    SUBSCRIBERS.add(connection);
    connection.addCloseTask(SUBSCRIBERS::remove);
  }

  /** As {@link #subscribe}, after a first block that dispatches no event. */
  private static void subscribeWrapped(ServerSentEventConnection connection, String lastEventId) {
    connection.sendRetry(FIRST_RETRY_MILLIS, FanoutCallback.INSTANCE);
    subscribe(connection, lastEventId);
  }

  private static void subscribeQuotes(ServerSentEventConnection connection, String lastEventId) {
    QUOTE_SUBSCRIBERS.add(connection);
    connection.addCloseTask(QUOTE_SUBSCRIBERS::remove);
  }

  /** Sends event {@code seq} to every subscriber; a failed send is counted, not retried. */
  private static void broadcast(long seq) {
    send(SUBSCRIBERS, Payloads.fanout(seq), seq);
  }

  /** Quote {@code seq} as JSON, written once for every subscriber. */
  private static void broadcastQuote(long seq) {
    try {
      send(QUOTE_SUBSCRIBERS, JSON.writeValueAsString(Payloads.quote(seq)), seq);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A Quote is always writable", e);
    }
  }

  private static void send(Set<ServerSentEventConnection> to, String data, long seq) {
    String id = Long.toString(seq);
    for (ServerSentEventConnection connection : to) {
      connection.send(data, null, id, FanoutCallback.INSTANCE);
    }
  }

  private enum FanoutCallback implements ServerSentEventConnection.EventCallback {
    INSTANCE;

    @Override
    public void done(ServerSentEventConnection c, String data, String event, String id) {}

    @Override
    public void failed(
        ServerSentEventConnection c, String data, String event, String id, IOException e) {
      FAILURES.incrementAndGet();
    }
  }

  /**
   * Sends {@code n} events with at most {@link #WINDOW} unconfirmed, the next ones as earlier ones
   * are written ({@code done}), then shuts the connection down.
   */
  private static final class Burst implements ServerSentEventConnection.EventCallback {
    private final ServerSentEventConnection connection;
    private final long n;
    // Guarded by this: callbacks come on the connection's I/O thread, but say nothing of it.
    private long sent;
    private long confirmed;
    private boolean pumping;

    Burst(ServerSentEventConnection connection, long n) {
      this.connection = connection;
      this.n = n;
    }

    synchronized void pump() {
      if (pumping) {
        return; // a done() from inside send(): the loop below sends its successor
      }
      pumping = true;
      try {
        while (sent < n && sent - confirmed < WINDOW) {
          connection.send(Payloads.burst(sent++), null, null, this);
        }
        if (confirmed == n) {
          connection.shutdown(); // ends the response once everything is written
        }
      } finally {
        pumping = false;
      }
    }

    @Override
    public synchronized void done(
        ServerSentEventConnection c, String data, String event, String id) {
      confirmed++;
      pump();
    }

    @Override
    public void failed(
        ServerSentEventConnection c, String data, String event, String id, IOException e) {
      FAILURES.incrementAndGet();
      try {
        c.close();
      } catch (IOException ignored) {
        // Closing is all we wanted.
      }
    }
  }
}
