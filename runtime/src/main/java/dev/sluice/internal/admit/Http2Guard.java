package dev.sluice.internal.admit;

import dev.sluice.SseStats.Refusal;
import dev.sluice.internal.close.Place;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http2.Http2ServerConnection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What one HTTP/2 connection may hold and do: at most {@code maxStreams} event streams at once
 * (Undertow advertises {@code SETTINGS_MAX_CONCURRENT_STREAMS} but does not enforce it), and at
 * most {@code maxResets} HTTP/2 streams reset by the client in a window. Undertow's rapid-reset
 * protection (CVE-2023-44487) does not count a reset while a response is under way, which is an
 * event stream's whole life, so a client could open and reset HTTP/2 streams for ever, each one
 * calling an endpoint; past the bound its new event streams are refused at once on the I/O thread,
 * and Undertow's own protection, which counts resets of finished responses, then closes the
 * connection with {@code GOAWAY ENHANCE_YOUR_CALM}.
 *
 * <p>Connections are told apart by their peer's address and port, unique while a connection lives.
 * A connection's entry stays while it has event streams or recent resets, so that opening and
 * resetting one at a time does not escape the count. Thread-safe.
 */
final class Http2Guard {
  private static final long SWEEP_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final int maxStreams;
  private final int maxResets;
  private final long windowNanos;
  private final Map<Object, Peer> peers = new ConcurrentHashMap<>();
  private volatile long lastSweep = System.nanoTime();

  Http2Guard(int maxStreams, int maxResets, long windowNanos) {
    this.maxStreams = maxStreams;
    this.maxResets = maxResets;
    this.windowNanos = windowNanos;
  }

  /**
   * A place on the exchange's connection for one more event stream: a lease to give back when the
   * exchange ends, {@link Place#NONE} for HTTP/1.1, or null when refused (see {@link #refusal}).
   */
  Place admit(HttpServerExchange exchange) {
    if (!(exchange.getConnection() instanceof Http2ServerConnection)) {
      return Place.NONE;
    }
    sweep();
    Object key = exchange.getConnection().getPeerAddress();
    Lease[] lease = {null};
    peers.compute(
        key,
        (k, peer) -> { // atomic with the sweep, which removes idle entries
          Peer p = peer != null ? peer : new Peer();
          if (p.admit()) {
            lease[0] = new Lease(p);
          }
          return p;
        });
    return lease[0];
  }

  /** Why {@link #admit} refused the exchange's event stream. */
  Refusal refusal(HttpServerExchange exchange) {
    Peer peer = peers.get(exchange.getConnection().getPeerAddress());
    return peer != null && peer.calmed(System.nanoTime())
        ? Refusal.RESET_FLOOD
        : Refusal.CONNECTION_LIMIT;
  }

  /** Drops the entries of connections with no event stream and no reset in the window. */
  private void sweep() {
    long now = System.nanoTime();
    long last = lastSweep;
    if (now - last < SWEEP_EVERY_NANOS || peers.size() < 64) {
      return;
    }
    lastSweep = now;
    for (Object key : peers.keySet()) {
      peers.computeIfPresent(key, (k, peer) -> peer.idle(now) ? null : peer);
    }
  }

  /** One connection's event streams and resets; guarded by itself. */
  private final class Peer {
    private int open;
    private int resets;
    private long windowStart;

    synchronized boolean admit() {
      if (open >= maxStreams || calmed(System.nanoTime())) {
        return false;
      }
      open++;
      return true;
    }

    synchronized void release(boolean resetByClient) {
      open--;
      if (resetByClient) {
        long now = System.nanoTime();
        if (now - windowStart > windowNanos) {
          windowStart = now;
          resets = 0;
        }
        resets++;
      }
    }

    synchronized boolean calmed(long now) {
      return resets >= maxResets && now - windowStart <= windowNanos;
    }

    synchronized boolean idle(long now) {
      return open == 0 && now - windowStart > windowNanos;
    }
  }

  /** One event stream's place on its connection, given back once. */
  private static final class Lease implements Place {
    private final Peer peer;
    private boolean released;

    private Lease(Peer peer) {
      this.peer = peer;
    }

    @Override
    public synchronized void release(boolean resetByClient) {
      if (!released) {
        released = true;
        peer.release(resetByClient);
      }
    }
  }
}
