package dev.sluice.internal.write;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xnio.XnioIoThread;

/**
 * The event streams of one I/O thread that have bytes to write, and the one task that writes them.
 * An event broadcast to the thread's event streams queues each of them here and wakes the thread
 * once, where a task per event stream would wake it once an event stream; the thread writes the
 * event streams in the order they came, while more are being queued.
 */
final class WriteQueue {
  private final XnioIoThread ioThread;
  private final Queue<EventStreamWriter> ready = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Runnable writeAll = this::writeAll;

  WriteQueue(XnioIoThread ioThread) {
    this.ioThread = ioThread;
  }

  /** Has {@code event stream}'s pending bytes written soon, on the I/O thread. */
  void add(EventStreamWriter stream) {
    ready.add(stream);
    if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
      ioThread.execute(writeAll);
    }
  }

  private void writeAll() {
    scheduled.set(
        false); // before polling: an event stream added after the last poll schedules anew
    EventStreamWriter stream;
    while ((stream = ready.poll()) != null) {
      stream.writePending();
    }
  }
}
