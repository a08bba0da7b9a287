package dev.sluice.internal;

import dev.sluice.encode.SseEncoder;
import dev.sluice.encode.Utf8Buffer;
import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.xnio.IoUtils;
import org.xnio.XnioIoThread;
import org.xnio.channels.StreamSinkChannel;

/**
 * One open event stream: producers encode events into a pending buffer from any thread, and the
 * connection's I/O thread writes whatever is pending in one write and one flush. Events that
 * are ready together are coalesced; an event that arrives alone is written at once.
 *
 * <p>Threading: {@link #offer}, {@link #complete} and {@link #awaitCapacity} are called by the
 * one producer of this stream (serialized, as Flow signals are); everything that touches the
 * channel runs on the I/O thread. The two meet under {@link #lock}.
 */
final class SseConnection {
  private static final System.Logger LOG = System.getLogger("dev.sluice");
  private static final HttpString X_ACCEL_BUFFERING = new HttpString("X-Accel-Buffering");
  private final HttpServerExchange exchange;
  private final SseEncoder<Object> encoder;
  private final XnioIoThread ioThread;
  private final String endpoint;
  private final BufferPool buffers;
  private StreamListener listener;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition drained = lock.newCondition();
  // Guarded by lock. Buffers come from the pool only while there is something to write.
  private Utf8Buffer pending;
  private int pendingEvents;
  private long bufferedBytes;
  private boolean writeScheduled;
  private boolean completing;
  private boolean closed;

  // I/O thread only.
  private StreamSinkChannel sink;
  private DisconnectWatcher watcher;
  private boolean open;
  private Utf8Buffer writing;
  private int writingEvents;
  private ByteBuffer writeView;

  @SuppressWarnings("unchecked") // the generated route pairs each stream with its encoder
  SseConnection(
      HttpServerExchange exchange, SseEncoder<?> encoder, String endpoint, BufferPool buffers) {
    this.exchange = exchange;
    this.encoder = (SseEncoder<Object>) encoder;
    this.ioThread = exchange.getIoThread();
    this.endpoint = endpoint;
    this.buffers = buffers;
  }

  /** Sends the headers and starts writing; events offered before then wait in the buffer. */
  void open(StreamListener streamListener) {
    this.listener = streamListener;
    ioThread.execute(this::openOnIoThread);
  }

  private void openOnIoThread() {
    if (isClosed()) {
      return;
    }
    exchange.setStatusCode(200);
    exchange.getResponseHeaders()
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
    continueWriting();
  }

  /**
   * Encodes {@code element} and schedules its write.
   *
   * @return false when the connection has closed; the element was dropped
   * @throws RuntimeException from the encoder; nothing of the element was buffered
   */
  boolean offer(Object element) {
    boolean schedule;
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      if (pending == null) {
        pending = buffers.take();
      }
      int before = pending.size();
      encoder.encode(element, pending);
      bufferedBytes += pending.size() - before;
      pendingEvents++;
      schedule = claimWrite();
    } finally {
      lock.unlock();
    }
    if (schedule) {
      ioThread.execute(this::writePending);
    }
    return true;
  }

  /** The producer is done: write what is pending, then end the response. */
  void complete() {
    boolean schedule;
    lock.lock();
    try {
      if (closed || completing) {
        return;
      }
      completing = true;
      schedule = claimWrite();
    } finally {
      lock.unlock();
    }
    if (schedule) {
      ioThread.execute(this::writePending);
    }
  }

  /** Under the lock: true when the caller must schedule the I/O thread's write task. */
  private boolean claimWrite() {
    boolean idle = !writeScheduled;
    writeScheduled = true;
    return idle;
  }

  /**
   * Blocks the producer while more than {@code limit} bytes wait to be written.
   *
   * @return false when the connection closed
   */
  boolean awaitCapacity(long limit) throws InterruptedException {
    lock.lock();
    try {
      while (!closed && bufferedBytes > limit) {
        drained.await(1, TimeUnit.SECONDS);
      }
      return !closed;
    } finally {
      lock.unlock();
    }
  }

  boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  /** Closes the connection from the server side, as when the producer failed. */
  void abort() {
    ioThread.execute(this::clientGone);
  }

  private void writePending() {
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
        writeView = ByteBuffer.wrap(writing.array(), 0, writing.size());
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

  private boolean writeAndFlush() throws IOException {
    while (writeView.hasRemaining()) {
      if (sink.write(writeView) == 0) {
        return false;
      }
    }
    return sink.flush();
  }

  /** The write in progress is on the wire: free its buffer and tell the producer. */
  private void written() {
    int events = writingEvents;
    long remaining;
    lock.lock();
    try {
      if (writing != null) {
        bufferedBytes -= writing.size();
      }
      remaining = bufferedBytes;
      drained.signalAll();
    } finally {
      lock.unlock();
    }
    writeView = null;
    writingEvents = 0;
    if (writing != null) {
      buffers.give(writing);
      writing = null;
    }
    if (events > 0) {
      listener.written(events, remaining);
    }
  }

  /** Ends the response after its last event, leaving the connection reusable. */
  private void finish() {
    lock.lock();
    try {
      closed = true;
      drained.signalAll();
    } finally {
      lock.unlock();
    }
    sink.getCloseSetter().set(null);
    if (watcher != null && !watcher.uninstall()) {
      exchange.setPersistent(false);
    }
    exchange.endExchange();
  }

  /** The client went away (or a write failed): drop everything and tell the producer. */
  private void clientGone() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (pending != null) {
        buffers.give(pending);
        pending = null;
      }
      bufferedBytes = 0;
      drained.signalAll();
    } finally {
      lock.unlock();
    }
    if (watcher != null) {
      watcher.uninstall();
    }
    if (exchange.getConnection() instanceof AbstractServerConnection) {
      IoUtils.safeClose(exchange.getConnection()); // HTTP/1.1: the connection is this stream
    } else if (sink != null) {
      IoUtils.safeClose(sink); // HTTP/2: reset this stream only, not its siblings
    }
    if (listener != null) {
      listener.closed();
    }
  }
}
