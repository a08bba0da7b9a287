package dev.sluice.internal.write;

import dev.sluice.SseStats.CloseReason;
import dev.sluice.internal.close.Counters;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What an event stream's producer has encoded and its I/O thread has not yet written: the one place
 * the two meet, under a lock that guards only this hand-over. Events are encoded before it is
 * taken, so a slow serializer delays its own event stream and not the I/O thread's others.
 *
 * <p>A producer ({@link #append}, {@link #end}, {@link #awaitCapacity}) is one thread at a time, as
 * Flow signals are; the I/O thread takes what is pending whole, for one write and one flush. A
 * buffer comes from the pool only while there is something to write, so an idle event stream holds
 * none.
 */
final class PendingBytes {
  /** What became of appended bytes. */
  enum Appended {
    /** Pending, and the caller must have the I/O thread write them: none was asked to yet. */
    SCHEDULE,
    /** Pending, with a write already asked for. */
    QUEUED,
    /** The event stream is closed or ending: dropped. */
    CLOSED
  }

  private final BufferPool buffers;
  private final Counters counters;
  private final long maxBufferedBytes;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition drained = lock.newCondition();
  // Guarded by lock.
  private OutputBuffer pending;
  private int pendingEvents;
  private long bufferedBytes;
  private boolean writeScheduled;
  private CloseReason endReason = CloseReason.COMPLETED;
  // Volatile as well, so that a producer can see the event stream is over without the lock.
  private volatile boolean ending;
  private volatile boolean closed;

  /** The largest event appended so far, which sizes a publisher's demand. */
  private volatile int largestEvent;

  // I/O thread only: what it took for the write under way.
  private OutputBuffer taken;
  private int takenEvents;

  PendingBytes(WriteSettings settings) {
    this.buffers = settings.buffers();
    this.counters = settings.counters();
    this.maxBufferedBytes = settings.maxBufferedBytes();
  }

  /** Appends one encoded event. */
  Appended append(byte[] event, int size) {
    lock.lock();
    try {
      if (closed || ending) {
        return Appended.CLOSED;
      }
      buffer(event, size);
      pendingEvents++;
      if (size > largestEvent) {
        largestEvent = size;
      }
      return claimWrite();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The producer is done, or is stopped: {@code last} (may be null) is the final bytes, and once
   * what is pending is written the response ends with {@code reason}.
   */
  Appended end(CloseReason reason, byte[] last) {
    lock.lock();
    try {
      if (closed || ending) {
        return Appended.CLOSED;
      }
      ending = true;
      endReason = reason;
      if (last != null) {
        buffer(last, last.length);
      }
      return claimWrite();
    } finally {
      lock.unlock();
    }
  }

  /** On the I/O thread, which writes next: a heartbeat comment, which is no event. */
  void appendHeartbeat(byte[] comment) {
    lock.lock();
    try {
      buffer(comment, comment.length);
      writeScheduled = true;
    } finally {
      lock.unlock();
    }
  }

  /** Under the lock. */
  private void buffer(byte[] bytes, int size) {
    if (pending == null) {
      pending = buffers.take();
    }
    pending.append(bytes, 0, size);
    bufferedBytes += size;
    counters.queued(size);
  }

  /** Under the lock. */
  private Appended claimWrite() {
    boolean idle = !writeScheduled;
    writeScheduled = true;
    return idle ? Appended.SCHEDULE : Appended.QUEUED;
  }

  /** What the I/O thread found when it came to write. */
  enum Next {
    /** Bytes to write: {@link #taken()}, holding {@link #takenEvents()} events. */
    WRITE,
    /** Nothing; the next append asks for a write again. */
    IDLE,
    /** Nothing more, ever: the producer ended and everything was written. */
    END,
    /** The event stream was closed. */
    CLOSED
  }

  /**
   * On the I/O thread: takes everything pending for one write, or says why there is nothing. Atomic
   * with appends, so that the end is never taken before the bytes that came just before it.
   */
  Next take() {
    lock.lock();
    try {
      if (closed) {
        return Next.CLOSED;
      }
      if (pending == null || pending.size() == 0) {
        writeScheduled = false;
        return ending ? Next.END : Next.IDLE;
      }
      taken = pending;
      takenEvents = pendingEvents;
      pending = null;
      pendingEvents = 0;
      return Next.WRITE;
    } finally {
      lock.unlock();
    }
  }

  /** After {@link Next#WRITE}: the buffer to write, the I/O thread's until {@link #written}. */
  OutputBuffer taken() {
    return taken;
  }

  /** After {@link Next#WRITE}: how many events the taken buffer holds (heartbeats are none). */
  int takenEvents() {
    return takenEvents;
  }

  /**
   * On the I/O thread: the taken buffer is on the wire, and goes back to the pool; wakes a producer
   * waiting for room.
   *
   * @return the bytes still buffered
   */
  long written() {
    long bytes = taken.size();
    long remaining;
    lock.lock();
    try {
      bufferedBytes -= bytes;
      remaining = bufferedBytes;
      drained.signalAll();
    } finally {
      lock.unlock();
    }
    counters.written(takenEvents, bytes);
    buffers.give(taken);
    taken = null;
    takenEvents = 0;
    return remaining;
  }

  /**
   * Blocks the producer while the event stream holds more than its share of unwritten bytes.
   *
   * @return false when the event stream closed or is ending
   */
  boolean awaitCapacity() throws InterruptedException {
    lock.lock();
    try {
      while (!closed && !ending && bufferedBytes > maxBufferedBytes) {
        drained.await(1, TimeUnit.SECONDS);
      }
      return !closed && !ending;
    } finally {
      lock.unlock();
    }
  }

  /** Once everything was written after an end: closes it, and tells why the response ended. */
  CloseReason finish() {
    lock.lock();
    try {
      closed = true;
      drained.signalAll();
      return endReason;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Drops everything at once, as the connection closes.
   *
   * @return false if it was closed already
   */
  boolean close() {
    long unwritten;
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      closed = true;
      if (pending != null) {
        buffers.give(pending);
        pending = null;
      }
      unwritten = bufferedBytes;
      bufferedBytes = 0;
      drained.signalAll();
    } finally {
      lock.unlock();
    }
    counters.queued(-unwritten);
    return true;
  }

  boolean isEnding() {
    return ending;
  }

  boolean isClosed() {
    return closed;
  }

  /** The size of the largest event appended so far, in bytes; 0 before the first. */
  int largestEvent() {
    return largestEvent;
  }
}
