package dev.sluice.internal.drive;

import dev.sluice.SseStats.CloseReason;
import dev.sluice.encode.SseEncoder;
import dev.sluice.internal.close.Counters;
import dev.sluice.internal.log.ThrottledLog;
import dev.sluice.internal.write.EventStreamWriter;
import dev.sluice.internal.write.WriteListener;
import java.lang.System.Logger.Level;
import java.util.Iterator;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Drives a blocking source, an endpoint's {@code java.util.stream.Stream}: pulls it on the calling
 * thread, a thread of its own (user code may block), into its event stream, waiting while the event
 * event stream's buffer is full. When the client goes away the thread is interrupted and the {@code
 * Stream} is closed from a worker at once, so {@code onClose} handlers run even while it is blocked
 * on its next element.
 */
final class BlockingDriver extends Driver implements WriteListener {
  private static final System.Logger LOG = System.getLogger("dev.sluice.stream");
  private static final ThrottledLog FAILED =
      new ThrottledLog(LOG, Level.ERROR, "A Stream endpoint failed; its event stream ended");
  private static final ThrottledLog CLOSE_THREW =
      new ThrottledLog(LOG, Level.WARNING, "Stream.close threw");

  private final Stream<?> source;
  private final Executor worker;
  private final AtomicBoolean sourceClosed = new AtomicBoolean();

  /** The thread pulling the source while it runs; guarded by this. */
  private Thread puller;

  BlockingDriver(
      Stream<?> source,
      SseEncoder<?> encoder,
      EventStreamWriter writer,
      Counters counters,
      String endpoint,
      Executor worker) {
    super(encoder, writer, counters, endpoint);
    this.source = source;
    this.worker = worker;
  }

  /** Pulls the source to its end or until the client leaves. Blocks. */
  void run() {
    synchronized (this) {
      puller = Thread.currentThread();
    }
    writer.open(this);
    try {
      Iterator<?> elements = source.iterator();
      while (!writer.isClosed() && elements.hasNext()) {
        if (offer(elements.next()) == Offered.CLOSED || !writer.awaitCapacity()) {
          break;
        }
      }
    } catch (InterruptedException e) {
      // The client left while we waited; closed() has the rest in hand.
      writer.complete();
    } catch (RuntimeException | Error e) { // an Error too: the response must still end
      if (!writer.isClosed()) {
        FAILED.log(() -> endpoint, e);
      }
      writer.fail(CloseReason.ERROR);
    } finally {
      synchronized (this) {
        puller = null;
      }
      Thread.interrupted(); // a pooled thread must not carry our interrupt to its next task
      writer.complete(); // a no-op unless we stopped on an interrupt
      closeSource();
    }
  }

  @Override
  public void written(int events, long bytes, long bufferedBytes) {
    // The puller waits on the event stream's buffer itself.
  }

  @Override
  public void closed() {
    synchronized (this) {
      if (puller != null) {
        puller.interrupt();
      }
    }
    try {
      worker.execute(this::closeSource);
    } catch (RejectedExecutionException e) {
      // The server is stopping: the puller, interrupted, closes it as it returns. Not here,
      // which may be the I/O thread, where no user code runs.
    }
  }

  private void closeSource() {
    if (sourceClosed.compareAndSet(false, true)) {
      try {
        source.close();
      } catch (RuntimeException e) {
        CLOSE_THREW.log(() -> endpoint, e);
      }
    }
  }
}
