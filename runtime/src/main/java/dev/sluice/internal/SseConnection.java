package dev.sluice.internal;

import dev.sluice.SseEvent;
import dev.sluice.SseStats.CloseReason;
import dev.sluice.encode.SseEncoder;
import dev.sluice.encode.Utf8Buffer;
import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;
import org.xnio.channels.StreamSinkChannel;

/**
 * One open event stream: producers encode events from any thread, and the connection's I/O thread
 * writes whatever is pending in one write and one flush. Events that are ready together are
 * coalesced; an event that arrives alone is written at once. A stream silent for its heartbeat
 * interval gets a {@code :} comment line; one whose client accepts no byte for the stall timeout is
 * closed as {@link CloseReason#SLOW}.
 *
 * <p>Threading: {@link #offer}, {@link #complete} and {@link #awaitCapacity} are called by the one
 * producer of this stream (serialized, as Flow signals are); everything that touches the channel
 * runs on the I/O thread. The two meet under {@link #lock}, which guards only buffer hand-over:
 * events are encoded before it is taken, so a slow serializer delays its own stream and not the I/O
 * thread's other connections.
 */
final class SseConnection {
  private static final System.Logger LOG = System.getLogger("dev.sluice.stream");
  private static final ThrottledLog UNENCODABLE =
      new ThrottledLog(LOG, Level.ERROR, "An event could not be encoded and was skipped");
  private static final ThrottledLog STALLED =
      new ThrottledLog(
          LOG, Level.INFO, "Closed a stream whose client accepted no byte for the stall timeout");
  private static final HttpString X_ACCEL_BUFFERING = new HttpString("X-Accel-Buffering");
  private static final byte[] HEARTBEAT = {':', '\n'};

  /**
   * What a rotated stream ends with: reconnect in a second (a retry field alone dispatches no
   * event). The stream's age already spreads reconnections out.
   */
  private static final byte[] ROTATION_HINT = "retry: 1000\n\n".getBytes(StandardCharsets.UTF_8);

  // Constants to the JIT, so that each call costs what the field read behind it costs.
  private static final RuntimeAccess.Events EVENTS = RuntimeAccess.events();
  private static final RuntimeAccess.Buffers BUFFERS = RuntimeAccess.buffers();

  private final HttpServerExchange exchange;
  private final SseEncoder<Object> encoder;
  private final XnioIoThread ioThread;
  private final String endpoint;
  private final StreamSettings settings;
  private final Streams.Permit permit;
  private final long heartbeatNanos;

  /** The age at which the stream is rotated; 0 for never. */
  private final long maxAgeNanos;

  private final StallWatch stallWatch;
  private final WriteQueue writeQueue;
  private StreamListener listener;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition drained = lock.newCondition();
  // Guarded by lock. Buffers come from the pool only while there is something to write.
  private Utf8Buffer pending;
  private int pendingEvents;
  private long bufferedBytes;

  /** The largest event offered so far, which sizes a publisher's demand. */
  private volatile int largestEvent;

  private boolean writeScheduled;
  // Volatile as well, so that a producer can see the stream is over without the lock.
  private volatile boolean completing;
  private volatile boolean closed;
  private CloseReason endReason = CloseReason.COMPLETED;

  /** Since when the connection has had bytes it could not write; 0 when drained. */
  private volatile long backedUpSince;

  // I/O thread only.
  private StreamSinkChannel sink;
  private DisconnectWatcher watcher;
  private boolean open;
  private Utf8Buffer writing;
  private int writingEvents;
  private ByteBuffer writeView;
  private long lastWriteNanos;
  private XnioExecutor.Key heartbeatTimer;
  private XnioExecutor.Key rotationTimer;

  @SuppressWarnings("unchecked") // the generated route pairs each stream with its encoder
  SseConnection(
      HttpServerExchange exchange,
      SseEncoder<?> encoder,
      String endpoint,
      StreamSettings settings,
      Streams.Permit permit,
      long heartbeatNanos,
      long maxAgeNanos) {
    this.exchange = exchange;
    this.encoder = (SseEncoder<Object>) encoder;
    this.ioThread = exchange.getIoThread();
    this.endpoint = endpoint;
    this.settings = settings;
    this.permit = permit;
    this.heartbeatNanos = heartbeatNanos;
    this.maxAgeNanos = maxAgeNanos;
    this.stallWatch = new StallWatch(ioThread, settings.stallNanos(), this::stalled);
    this.writeQueue = settings.writes().of(ioThread);
  }

  /** What became of an offered element. */
  enum Offered {
    /** Encoded and on its way. */
    QUEUED,
    /** It could not be encoded: skipped, counted and logged; the stream goes on. */
    SKIPPED,
    /** The stream is closed or ending: dropped. */
    CLOSED
  }

  /** Sends the headers and starts writing; events offered before then wait in the buffer. */
  void open(StreamListener streamListener) {
    this.listener = streamListener;
    permit.opened(this);
    ioThread.execute(this::openOnIoThread);
  }

  boolean inIoThread() {
    return Thread.currentThread() == ioThread;
  }

  XnioIoThread ioThread() {
    return ioThread;
  }

  SseEncoder<?> encoder() {
    return encoder;
  }

  private void openOnIoThread() {
    if (closed) {
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
    // the stream's channel and wakes its write listener, which is how we hear of it at once.
    sink.getWriteSetter().set(channel -> onWritable());
    watcher = DisconnectWatcher.install(exchange, this::clientGone);
    open = true;
    writeView = ByteBuffer.allocate(0); // headers only: the first flush sends them
    lastWriteNanos = System.nanoTime();
    scheduleHeartbeat(heartbeatNanos);
    if (maxAgeNanos > 0) {
      rotationTimer = ioThread.executeAfter(this::rotate, maxAgeNanos, TimeUnit.NANOSECONDS);
    }
    continueWriting();
  }

  /**
   * Encodes {@code element} and schedules its write. The encoding happens on the calling thread and
   * outside the lock, into the thread's scratch buffer; only the copy into the pending buffer
   * happens under it. A broadcast event already encoded for this stream's encoder is copied from
   * its shared bytes.
   */
  Offered offer(Object element) {
    if (closed || completing) {
      return Offered.CLOSED;
    }
    byte[] shared = sharedBytes(element);
    if (shared != null) {
      return enqueue(shared, shared.length);
    }
    Utf8Buffer encoded = ScratchBuffer.take();
    try {
      try {
        encoder.encode(element, encoded);
      } catch (RuntimeException | StackOverflowError e) {
        settings.streams().eventsUnencodable.increment();
        UNENCODABLE.log(() -> endpoint + ": " + e, e);
        return Offered.SKIPPED;
      }
      return enqueue(encoded.array(), encoded.size());
    } finally {
      ScratchBuffer.give(encoded);
    }
  }

  private byte[] sharedBytes(Object element) {
    if (element instanceof SseEvent) {
      SharedEncoding shared = EVENTS.sharedEncoding((SseEvent<?>) element);
      return shared == null ? null : shared.bytesFor(encoder);
    }
    return null;
  }

  private Offered enqueue(byte[] encoded, int size) {
    boolean schedule;
    lock.lock();
    try {
      if (closed || completing) {
        return Offered.CLOSED;
      }
      pendingBuffer().append(encoded, 0, size);
      buffered(size);
      pendingEvents++;
      if (size > largestEvent) {
        largestEvent = size;
      }
      schedule = claimWrite();
    } finally {
      lock.unlock();
    }
    if (schedule) {
      writeQueue.add(this);
    }
    return Offered.QUEUED;
  }

  /** The producer is done: write what is pending, then end the response. */
  void complete() {
    end(CloseReason.COMPLETED, null);
  }

  /** The producer failed: write the whole events pending, then end the response. */
  void fail(CloseReason reason) {
    end(reason, null);
  }

  /**
   * The server is shutting down: stop the producer, write what is pending and {@code last} (may be
   * null), then end the response. This happens on the I/O thread, after the tasks already queued
   * there: a broadcast published before the shutdown began is delivered to the stream by such a
   * task, and so reaches the client before {@code last}.
   */
  void shutdown(byte[] last) {
    try {
      ioThread.execute(() -> shutdownNow(last));
    } catch (RejectedExecutionException e) {
      shutdownNow(last); // the I/O thread is already stopping
    }
  }

  private void shutdownNow(byte[] last) {
    if (end(CloseReason.SHUTDOWN, last) && listener != null) {
      listener.closed();
    }
  }

  /**
   * On the I/O thread: the stream reached its age. Ends it as a shutdown does (the producer
   * stopped, what is pending written, then the retry hint), leaving the connection open.
   */
  private void rotate() {
    rotationTimer = null;
    if (end(CloseReason.ROTATED, ROTATION_HINT) && listener != null) {
      listener.closed();
    }
  }

  private boolean end(CloseReason reason, byte[] last) {
    boolean schedule;
    lock.lock();
    try {
      if (closed || completing) {
        return false;
      }
      completing = true;
      endReason = reason;
      if (last != null) {
        pendingBuffer().append(last);
        buffered(last.length);
      }
      schedule = claimWrite();
    } finally {
      lock.unlock();
    }
    if (schedule) {
      writeQueue.add(this);
    }
    return true;
  }

  /** Under the lock: the buffer to append to, taken from the pool when there is none. */
  private Utf8Buffer pendingBuffer() {
    if (pending == null) {
      pending = settings.buffers().take();
    }
    return pending;
  }

  /** Under the lock: counts bytes just appended to the pending buffer. */
  private void buffered(int bytes) {
    bufferedBytes += bytes;
    settings.streams().queuedBytes.add(bytes);
  }

  /** Under the lock: true when the caller must schedule the I/O thread's write task. */
  private boolean claimWrite() {
    boolean idle = !writeScheduled;
    writeScheduled = true;
    return idle;
  }

  /**
   * Blocks the producer while the stream holds more than its share of unwritten bytes.
   *
   * @return false when the stream closed or is ending
   */
  boolean awaitCapacity() throws InterruptedException {
    lock.lock();
    try {
      while (!closed && !completing && bufferedBytes > settings.maxBufferedBytes()) {
        drained.await(1, TimeUnit.SECONDS);
      }
      return !closed && !completing;
    } finally {
      lock.unlock();
    }
  }

  /** The size of the largest event offered so far, in bytes; 0 before the first. */
  int largestEventBytes() {
    return largestEvent;
  }

  /** The bytes a stream may hold unwritten before its producer must wait. */
  long maxBufferedBytes() {
    return settings.maxBufferedBytes();
  }

  boolean isClosed() {
    return closed;
  }

  /**
   * Since when this connection has held bytes its client did not take (by {@link
   * System#nanoTime()}), or 0 when everything was written: how a broadcast tells a client that
   * stopped reading from a server that is itself behind.
   */
  long backedUpSince() {
    return backedUpSince;
  }

  /** Counts events a slow-client policy skipped for this stream. */
  void dropped(long events) {
    settings.streams().eventsDropped.add(events);
  }

  /** Closes the connection at once, as for a client too slow for its broadcast. */
  void abort(CloseReason reason) {
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
        boolean finish;
        lock.lock();
        try {
          if (closed) {
            return;
          }
          if (pending == null || pending.isEmpty()) {
            writeScheduled = false;
            if (backedUpSince != 0) { // a volatile write per write only when it changes
              backedUpSince = 0;
            }
            if (!completing) {
              return;
            }
            finish = true;
          } else {
            finish = false;
            writing = pending;
            pending = null;
            writingEvents = pendingEvents;
            pendingEvents = 0;
          }
        } finally {
          lock.unlock();
        }
        if (finish) {
          finish();
          return;
        }
        writeView = BUFFERS.contents(writing);
      }
    } catch (IOException e) {
      LOG.log(Level.DEBUG, () -> endpoint + ": write failed, closing the stream", e);
      clientGone();
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
    int events = writingEvents;
    long bytes = writing == null ? 0 : writing.size();
    long remaining;
    lock.lock();
    try {
      bufferedBytes -= bytes;
      remaining = bufferedBytes;
      drained.signalAll();
    } finally {
      lock.unlock();
    }
    lastWriteNanos = System.nanoTime();
    Streams streams = settings.streams();
    streams.queuedBytes.add(-bytes);
    streams.bytesSent.add(bytes);
    streams.eventsSent.add(events);
    writeView = null;
    writingEvents = 0;
    if (writing != null) {
      settings.buffers().give(writing);
      writing = null;
    }
    if (bytes > 0) { // heartbeats too: they may be what stood between a producer and room
      listener.written(events, bytes, remaining);
    }
  }

  private void scheduleHeartbeat(long delayNanos) {
    if (heartbeatNanos > 0) {
      heartbeatTimer =
          ioThread.executeAfter(
              this::heartbeat,
              Math.max(delayNanos, TimeUnit.MILLISECONDS.toNanos(1)),
              TimeUnit.NANOSECONDS);
    }
  }

  /**
   * On the I/O thread: a comment line if nothing was written for a whole interval. One that falls
   * due while a write waits for the client is skipped: the stall deadline looks after that
   * connection, and a timer re-armed for "now" would spin the I/O thread.
   */
  private void heartbeat() {
    heartbeatTimer = null;
    if (closed) {
      return;
    }
    if (writeView != null) {
      scheduleHeartbeat(heartbeatNanos);
      return;
    }
    long idle = System.nanoTime() - lastWriteNanos;
    if (idle < heartbeatNanos) {
      scheduleHeartbeat(heartbeatNanos - idle);
      return;
    }
    lock.lock();
    try {
      pendingBuffer().append(HEARTBEAT);
      buffered(HEARTBEAT.length);
      writeScheduled = true;
    } finally {
      lock.unlock();
    }
    settings.streams().heartbeats.increment();
    scheduleHeartbeat(heartbeatNanos);
    continueWriting(); // a failed write here is how a vanished peer is found
  }

  /** Ends the response after its last event, leaving the connection reusable. */
  private void finish() {
    CloseReason reason;
    lock.lock();
    try {
      closed = true;
      reason = endReason;
      drained.signalAll();
    } finally {
      lock.unlock();
    }
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

  /** Drops everything and closes the connection (HTTP/1.1) or the stream (HTTP/2). */
  private void close(CloseReason reason) {
    long unwritten;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (pending != null) {
        settings.buffers().give(pending);
        pending = null;
      }
      unwritten = bufferedBytes;
      bufferedBytes = 0;
      drained.signalAll();
    } finally {
      lock.unlock();
    }
    settings.streams().queuedBytes.add(-unwritten);
    stopTimers();
    permit.ended(reason);
    if (watcher != null) {
      watcher.uninstall();
    }
    if (exchange.getConnection() instanceof AbstractServerConnection) {
      // Not persistent, or Undertow arms its idle-connection timer for the dead connection
      // when the exchange completes, holding it (some 2 KiB) for a minute after the close.
      exchange.setPersistent(false);
      IoUtils.safeClose(exchange.getConnection()); // HTTP/1.1: the connection is this stream
    } else if (sink != null) {
      IoUtils.safeClose(sink); // HTTP/2: reset this stream only, not its siblings
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
    if (heartbeatTimer != null) {
      heartbeatTimer.remove();
      heartbeatTimer = null;
    }
    if (rotationTimer != null) {
      rotationTimer.remove();
      rotationTimer = null;
    }
  }
}
