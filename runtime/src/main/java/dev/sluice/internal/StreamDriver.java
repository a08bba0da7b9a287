package dev.sluice.internal;

import dev.sluice.SseStats.CloseReason;
import java.lang.System.Logger.Level;
import java.util.Iterator;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Pulls an endpoint's {@code Stream} on the calling thread, a thread of its own (user code may
 * block), into an {@link SseConnection}, waiting while the connection's buffer is full. When the
 * client goes away the thread is interrupted and the stream is closed from a worker at once, so
 * {@code onClose} handlers run even while the stream is blocked on its next element.
 */
final class StreamDriver implements StreamListener {
  private static final System.Logger LOG = System.getLogger("dev.sluice.stream");
  private static final ThrottledLog FAILED =
      new ThrottledLog(LOG, Level.ERROR, "A Stream failed; its stream ended");
  private static final ThrottledLog CLOSE_THREW =
      new ThrottledLog(LOG, Level.WARNING, "Stream.close threw");

  private final Stream<?> stream;
  private final SseConnection connection;
  private final Executor worker;
  private final String endpoint;
  private final AtomicBoolean streamClosed = new AtomicBoolean();

  /** The thread pulling the stream while it runs; guarded by this. */
  private Thread puller;

  StreamDriver(Stream<?> stream, SseConnection connection, Executor worker, String endpoint) {
    this.stream = stream;
    this.connection = connection;
    this.worker = worker;
    this.endpoint = endpoint;
  }

  /** Pulls the stream to its end or until the client leaves. Blocks. */
  void run() {
    synchronized (this) {
      puller = Thread.currentThread();
    }
    connection.open(this);
    try {
      Iterator<?> elements = stream.iterator();
      while (!connection.isClosed() && elements.hasNext()) {
        if (connection.offer(elements.next()) == SseConnection.Offered.CLOSED
            || !connection.awaitCapacity()) {
          break;
        }
      }
    } catch (InterruptedException e) {
      // The client left while we waited; closed() has the rest in hand.
      connection.complete();
    } catch (RuntimeException | Error e) { // an Error too: the response must still end
      if (!connection.isClosed()) {
        FAILED.log(() -> endpoint, e);
      }
      connection.fail(CloseReason.ERROR);
    } finally {
      synchronized (this) {
        puller = null;
      }
      Thread.interrupted(); // a pooled thread must not carry our interrupt to its next task
      connection.complete(); // a no-op unless we stopped on an interrupt
      closeStream();
    }
  }

  @Override
  public void written(int events, long bytes, long bufferedBytes) {
    // The puller waits on the connection's buffer itself.
  }

  @Override
  public void closed() {
    synchronized (this) {
      if (puller != null) {
        puller.interrupt();
      }
    }
    worker.execute(this::closeStream);
  }

  private void closeStream() {
    if (streamClosed.compareAndSet(false, true)) {
      try {
        stream.close();
      } catch (RuntimeException e) {
        CLOSE_THREW.log(() -> endpoint, e);
      }
    }
  }
}
