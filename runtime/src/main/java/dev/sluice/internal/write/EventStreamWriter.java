package dev.sluice.internal.write;

import dev.sluice.SseStats.CloseReason;
import dev.sluice.internal.close.Ending;
import dev.sluice.internal.close.Permit;
import dev.sluice.internal.log.ThrottledLog;
import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import org.xnio.IoUtils;
import org.xnio.XnioIoThread;
import org.xnio.channels.StreamSinkChannel;

/**
 * Writes one event stream: whatever its producer has encoded ({@link PendingBytes}) goes out in one
 * write and one flush, so events that are ready together are coalesced and one that arrives alone
 * is written at once. It opens the response, keeps it alive ({@link Heartbeat}), watches for a
 * client that stopped reading ({@link StallWatch}) or left ({@link DisconnectWatcher}), rotates it
 * at its age ({@link AgeLimit}), and ends or closes it.
 *
 * <p>Threading: {@link #enqueue}, {@link #complete}, {@link #fail} and {@link #awaitCapacity} are
 * called by the event stream's one producer; everything that touches the channel runs on the
 * connection's I/O thread.
 */
public final class EventStreamWriter implements Ending {
  private static final System.Logger LOG = System.getLogger("dev.sluice.stream");
  private static final ThrottledLog STALLED =
      new ThrottledLog(
          LOG,
          Level.INFO,
          "Closed an event stream whose client accepted no byte for the stall" + " timeout");
  private static final HttpString X_ACCEL_BUFFERING = new HttpString("X-Accel-Buffering");

  private final HttpServerExchange exchange;
  private final XnioIoThread ioThread;
  private final String endpoint;
  private final WriteSettings settings;
  private final Permit permit;
  private final PendingBytes pending;
  private final StallWatch stallWatch;
  private final Heartbeat heartbeat;

  /** Null for an event stream without an age limit, as most are: no object to keep. */
  private final AgeLimit ageLimit;

  private final WriteQueue writeQueue;
  private WriteListener listener;

  /** Since when the connection has had bytes it could not write; 0 when drained. */
  private volatile long backedUpSince;

  // I/O thread only.
  private StreamSinkChannel sink;
  private DisconnectWatcher watcher;
  private boolean open;
  private ByteBuffer writeView;

  /**
   * @param endpoint how logs name the endpoint
   * @param heartbeatNanos the idle interval before a heartbeat comment; 0 for none
   * @param maxAgeNanos the age at which the event stream is rotated; 0 for never
   */
  public EventStreamWriter(
      HttpServerExchange exchange,
      WriteSettings settings,
      Permit permit,
      String endpoint,
      long heartbeatNanos,
      long maxAgeNanos) {
    this.exchange = exchange;
    this.ioThread = exchange.getIoThread();
    this.endpoint = endpoint;
    this.settings = settings;
    this.permit = permit;
    this.pending = new PendingBytes(settings);
    this.stallWatch = new StallWatch(ioThread, settings.stallNanos(), this::stalled);
    this.heartbeat = new Heartbeat(ioThread, heartbeatNanos, this::heartbeatDue);
    this.ageLimit = maxAgeNanos > 0 ? new AgeLimit(ioThread, maxAgeNanos, this::rotate) : null;
    this.writeQueue = settings.writes().of(ioThread);
  }

  /** Sends the headers and starts writing; events enqueued before then wait in the buffer. */
  public void open(WriteListener writeListener) {
    this.listener = writeListener;
    permit.opened(this);
    ioThread.execute(this::openOnIoThread);
  }

  public boolean inIoThread() {
    return Thread.currentThread() == ioThread;
  }

  public XnioIoThread ioThread() {
    return ioThread;
  }

  private void openOnIoThread() {
    if (pending.isClosed()) {
      return;
    }
    exchange.setStatusCode(200);
    exchange
        .getResponseHeaders()
        .put(Headers.CONTENT_TYPE, "text/event-stream; charset=UTF-8")
        .put(Headers.CACHE_CONTROL, "no-cache")
        .put(X_ACCEL_BUFFERING, "no");
    sink = exchange.getResponseChannel();
    sink.getCloseSetter().set(channel -> clientGone());
    // Set for good, not only while a write waits: an HTTP/2 stream reset by the client closes
    // the HTTP/2 stream's channel and wakes its write listener, which is how we hear of it at once.
    sink.getWriteSetter().set(channel -> onWritable());
    watcher = DisconnectWatcher.install(exchange, this::clientGone);
    open = true;
    writeView = ByteBuffer.allocate(0); // headers only: the first flush sends them
    heartbeat.start();
    if (ageLimit != null) {
      ageLimit.start();
    }
    continueWriting();
  }

  /**
   * Queues one encoded event ({@code size} bytes of {@code event}, copied) for the I/O thread.
   *
   * @return false when the event stream is closed or ending: the event is dropped
   */
  public boolean enqueue(byte[] event, int size) {
    return scheduled(pending.append(event, size));
  }

  private boolean scheduled(PendingBytes.Appended appended) {
    if (appended == PendingBytes.Appended.SCHEDULE) {
      writeQueue.add(this);
    }
    return appended != PendingBytes.Appended.CLOSED;
  }

  /** Whether the event stream is closed or ending, so that nothing more need be encoded for it. */
  public boolean isOver() {
    return pending.isClosed() || pending.isEnding();
  }

  public boolean isClosed() {
    return pending.isClosed();
  }

  /** The producer is done: write what is pending, then end the response. */
  public void complete() {
    end(CloseReason.COMPLETED, null);
  }

  /** The producer failed: write the whole events pending, then end the response. */
  public void fail(CloseReason reason) {
    end(reason, null);
  }

  /**
   * The server is shutting down: stop the producer, write what is pending and {@code last} (may be
   * null), then end the response. This happens on the I/O thread, after the tasks already queued
   * there: a broadcast published before the shutdown began is delivered to the event stream by such
   * a task, and so reaches the client before {@code last}.
   */
  @Override
  public void shutdown(byte[] last) {
    try {
      ioThread.execute(() -> endOnIoThread(CloseReason.SHUTDOWN, last));
    } catch (RejectedExecutionException e) {
      endOnIoThread(CloseReason.SHUTDOWN, last); // the I/O thread is already stopping
    }
  }

  /**
   * On the I/O thread: the event stream reached its age. Ends it as a shutdown does (the producer
   * stopped, what is pending written, then the retry hint), leaving the connection open.
   */
  private void rotate() {
    endOnIoThread(CloseReason.ROTATED, AgeLimit.RETRY_HINT);
  }

  private void endOnIoThread(CloseReason reason, byte[] last) {
    if (end(reason, last) && listener != null) {
      listener.closed();
    }
  }

  private boolean end(CloseReason reason, byte[] last) {
    return scheduled(pending.end(reason, last));
  }

  /**
   * Blocks the producer while the event stream holds more than its share of unwritten bytes.
   *
   * @return false when the event stream closed or is ending
   */
  public boolean awaitCapacity() throws InterruptedException {
    return pending.awaitCapacity();
  }

  /** The size of the largest event enqueued so far, in bytes; 0 before the first. */
  public int largestEventBytes() {
    return pending.largestEvent();
  }

  /** The bytes an event stream may hold unwritten before its producer must wait. */
  public long maxBufferedBytes() {
    return settings.maxBufferedBytes();
  }

  /**
   * Since when this connection has held bytes its client did not take (by {@link
   * System#nanoTime()}), or 0 when everything was written: how a broadcast tells a client that
   * stopped reading from a server that is itself behind.
   */
  public long backedUpSince() {
    return backedUpSince;
  }

  /** Counts events a slow-client policy skipped for this event stream. */
  public void dropped(long events) {
    settings.counters().dropped(events);
  }

  /** Closes the connection at once, as for a client too slow for its broadcast. */
  public void abort(CloseReason reason) {
    ioThread.execute(() -> close(reason));
  }

  /** On the I/O thread: writes what is pending, unless a write is under way already. */
  void writePending() {
    if (open && writeView == null) {
      continueWriting();
    }
  }

  /** Writes until nothing is pending or the socket is full. On the I/O thread. */
  private void continueWriting() {
    try {
      while (true) {
        if (writeView != null) {
          if (!writeAndFlush()) {
            sink.resumeWrites();
            return;
          }
          written();
        }
        switch (pending.take()) {
          case WRITE:
            writeView = pending.taken().contents();
            break;
          case IDLE:
            drained();
            return;
          case END:
            drained();
            finish();
            return;
          default: // CLOSED
            return;
        }
      }
    } catch (IOException e) {
      LOG.log(Level.DEBUG, () -> endpoint + ": write failed, closing the event stream", e);
      clientGone();
    }
  }

  private void drained() {
    if (backedUpSince != 0) { // a volatile write per write only when it changes
      backedUpSince = 0;
    }
  }

  private void onWritable() {
    sink.suspendWrites();
    if (!sink.isOpen()) {
      clientGone();
      return;
    }
    continueWriting();
  }

  /** Writes and flushes the write in hand; false, with the stall clock running, if it waits. */
  private boolean writeAndFlush() throws IOException {
    boolean progressed = false;
    while (writeView.hasRemaining()) {
      if (sink.write(writeView) == 0) {
        waitingForClient(progressed);
        return false;
      }
      progressed = true;
    }
    if (!sink.flush()) {
      waitingForClient(progressed);
      return false;
    }
    stallWatch.flowing();
    return true;
  }

  private void waitingForClient(boolean progressed) {
    if (backedUpSince == 0) {
      backedUpSince = System.nanoTime();
    }
    stallWatch.waiting(progressed);
  }

  /** The stall timeout passed with a write waiting and not a byte taken. */
  private void stalled() {
    STALLED.log(() -> endpoint + " after " + Duration.ofNanos(settings.stallNanos()));
    close(CloseReason.SLOW);
  }

  /** The write in progress is on the wire: free its buffer and tell the producer. */
  private void written() {
    writeView = null;
    heartbeat.wrote();
    if (pending.taken() == null) {
      return; // the headers alone
    }
    int events = pending.takenEvents();
    long bytes = pending.taken().size();
    long remaining = pending.written();
    if (bytes > 0) { // heartbeats too: they may be what stood between a producer and room
      listener.written(events, bytes, remaining);
    }
  }

  /**
   * On the I/O thread: a heartbeat is due. One that falls due while a write waits for the client is
   * skipped: the stall deadline looks after that connection.
   *
   * @return whether the comment was sent
   */
  private boolean heartbeatDue() {
    if (pending.isClosed() || writeView != null) {
      return false;
    }
    pending.appendHeartbeat(Heartbeat.COMMENT);
    settings.counters().heartbeat();
    continueWriting(); // a failed write here is how a vanished peer is found
    return true;
  }

  /** Ends the response after its last event, leaving the connection reusable. */
  private void finish() {
    CloseReason reason = pending.finish();
    stopTimers();
    sink.getCloseSetter().set(null);
    if (watcher != null && !watcher.uninstall()) {
      exchange.setPersistent(false);
    }
    permit.ended(reason);
    exchange.endExchange();
  }

  private void clientGone() {
    close(CloseReason.CLIENT);
  }

  /** Drops everything and closes the connection (HTTP/1.1) or the HTTP/2 stream. */
  private void close(CloseReason reason) {
    if (!pending.close()) {
      return;
    }
    stopTimers();
    permit.ended(reason);
    if (watcher != null) {
      watcher.uninstall();
    }
    if (exchange.getConnection() instanceof AbstractServerConnection) {
      // Not persistent, or Undertow arms its idle-connection timer for the dead connection
      // when the exchange completes, holding it (some 2 KiB) for a minute after the close.
      exchange.setPersistent(false);
      IoUtils.safeClose(
          exchange.getConnection()); // HTTP/1.1: the connection is this event stream's
    } else if (sink != null) {
      IoUtils.safeClose(sink); // HTTP/2: reset its HTTP/2 stream only, not the siblings
      exchange.endExchange(); // else Undertow holds on to an exchange whose peer is gone
    } else {
      exchange.endExchange();
    }
    permit.release(); // at once, whatever Undertow's completion listeners make of the above
    if (listener != null) {
      listener.closed();
    }
  }

  private void stopTimers() {
    stallWatch.stop();
    heartbeat.stop();
    if (ageLimit != null) {
      ageLimit.stop();
    }
  }
}
