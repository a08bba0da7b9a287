package dev.sluice.bench.load;

import dev.sluice.client.EventStreamParser;
import dev.sluice.client.MessageEvent;

/**
 * One event stream as the load clients read it: the response body's bytes in, events counted. The
 * bytes are parsed by the client module's {@link EventStreamParser}, the one SSE parser of the
 * project's main code, so the benchmark reads events as a Sluice client does; only a block with
 * data is an event, and comments and id-only blocks count for nothing.
 *
 * <p>The data's first number, when it starts within {@value #MAX_SEPARATOR} characters of the
 * data's start, is the event's sequence number, which must run 0, 1, 2... on each stream; a second
 * number, when one starts as close after the first on the same line, is the publish time in
 * wall-clock microseconds, from which latency is recorded. So text events read as {@code "7
 * 1733312345678901"} and JSON ones as {@code {"seq":7,"micros":1733312345678901,...}}, while the
 * padding after a burst event's number is not scanned.
 *
 * <p>Fed and read by its client's thread only; read the counters after the client is closed.
 */
public class EventReader {
  /** Enough for {@code ,"micros":}, the widest separator of the payloads. */
  private static final int MAX_SEPARATOR = 12;

  private final Tally tally;
  private final EventStreamParser parser = new EventStreamParser(this::event);

  /** When the bytes being fed were read: the read time of the events they end. */
  private long now;

  private long first = -1;
  private long second = -1;

  private long lastEventMicros;
  private long maxGapMicros;
  private long eventCount;
  private long outOfOrder;
  private long nextSeq;
  private boolean complete;
  private boolean ended;

  EventReader(Tally tally) {
    this.tally = tally;
  }

  /**
   * Bytes of the event stream, the transport's framing undone; {@code now} is their read time, in
   * wall-clock microseconds when latency is recorded.
   */
  final void body(byte[] bytes, int offset, int length, long now) {
    this.now = now;
    parser.feed(bytes, offset, length);
  }

  private void event(MessageEvent<String> event) {
    readNumbers(event.data());
    eventCount++;
    if (first != nextSeq) {
      outOfOrder++;
    }
    nextSeq = first + 1;
    if (tally.recordLatency) {
      if (second > 0) {
        tally.latencyMicros.add(now - second);
      }
      if (lastEventMicros != 0) {
        maxGapMicros = Math.max(maxGapMicros, now - lastEventMicros);
      }
      lastEventMicros = now;
    }
    if (tally.firstEventNanos == 0) {
      tally.firstEventNanos = System.nanoTime();
    }
    tally.events.incrementAndGet();
  }

  /** Reads a number close after the data's start, and a second one close after it. */
  private void readNumbers(String data) {
    first = -1;
    second = -1;
    int i = digitNear(data, 0);
    if (i < 0) {
      return;
    }
    long value = 0;
    for (; i < data.length() && isDigit(data.charAt(i)); i++) {
      value = value * 10 + (data.charAt(i) - '0');
    }
    first = value;
    i = digitNear(data, i);
    if (i < 0) {
      return;
    }
    value = 0;
    for (; i < data.length() && isDigit(data.charAt(i)); i++) {
      value = value * 10 + (data.charAt(i) - '0');
    }
    second = value;
  }

  /**
   * Where a digit starts within {@value #MAX_SEPARATOR} characters of {@code from} on the data's
   * first line, or -1.
   */
  private static int digitNear(String data, int from) {
    int limit = Math.min(data.length(), from + MAX_SEPARATOR);
    for (int i = from; i < limit; i++) {
      char c = data.charAt(i);
      if (isDigit(c)) {
        return i;
      }
      if (c == '\n') {
        return -1;
      }
    }
    return -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * Marks the stream ended, once: {@code byItsFraming} when the response ended as its transport
   * frames an end (the last chunk, END_STREAM), not by a cut connection or a reset.
   */
  final void ended(boolean byItsFraming) {
    if (ended) {
      return;
    }
    ended = true;
    complete = byItsFraming;
    tally.ended.incrementAndGet();
  }

  final boolean isEnded() {
    return ended;
  }

  /** Events received; read after the client is closed, as every counter here. */
  public final long eventCount() {
    return eventCount;
  }

  /** Events whose number was not the one expected: a lost, repeated or reordered event. */
  public final long outOfOrder() {
    return outOfOrder;
  }

  /** The longest time between two events while recording, in microseconds (read times). */
  public final long maxGapMicros() {
    return maxGapMicros;
  }

  /** Whether the response ended by its framing, not by a cut connection or a reset. */
  public final boolean complete() {
    return complete;
  }
}
