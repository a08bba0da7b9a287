package dev.sluice.bench.load;

/**
 * One event stream as the load clients read it: the response body's bytes in, events counted. Only
 * as much of the WHATWG parsing rules as these servers' events need: a blank line dispatches, the
 * first {@code data:} line of an event is read, every other line (comments, {@code id:}, {@code
 * retry:}) is skipped, and a block without data dispatches nothing.
 *
 * <p>The data's first number, when it starts within {@value #MAX_SEPARATOR} characters of the
 * {@code data:}, is the event's sequence number, which must run 0, 1, 2... on each stream; a second
 * number, when one starts as close after the first, is the publish time in wall-clock microseconds,
 * from which latency is recorded. So text events read as {@code "7 1733312345678901"} and JSON ones
 * as {@code {"seq":7,"micros":1733312345678901,...}}, while the padding after a burst event's
 * number is not scanned.
 *
 * <p>Fed and read by its client's thread only; read the counters after the client is closed.
 */
public class EventReader {
  /** Enough for {@code ,"micros":}, the widest separator of the payloads. */
  private static final int MAX_SEPARATOR = 12;

  private final Tally tally;
  private final byte[] line = new byte[4096];
  private int lineLength;
  private boolean dataSeen;
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

  /** A byte of the event stream, the transport's framing undone; {@code now} is its read time. */
  final void body(byte b, long now) {
    if (b == '\r') {
      return; // CRLF and LF end lines alike; a lone CR never comes from these servers
    }
    if (b != '\n') {
      if (lineLength < line.length) {
        line[lineLength++] = b;
      }
      return;
    }
    if (lineLength == 0) {
      dispatch(now);
    } else if (!dataSeen && startsWithData()) {
      dataSeen = true;
      parseNumbers(5);
    }
    lineLength = 0;
  }

  private boolean startsWithData() {
    return lineLength >= 5
        && line[0] == 'd'
        && line[1] == 'a'
        && line[2] == 't'
        && line[3] == 'a'
        && line[4] == ':';
  }

  /** Reads a number close after {@code from}, and a second one close after it. */
  private void parseNumbers(int from) {
    first = -1;
    second = -1;
    int i = from;
    int limit = Math.min(lineLength, i + MAX_SEPARATOR);
    while (i < limit && !isDigit(line[i])) {
      i++;
    }
    if (i == limit) {
      return;
    }
    long value = 0;
    while (i < lineLength && isDigit(line[i])) {
      value = value * 10 + (line[i++] - '0');
    }
    first = value;
    limit = Math.min(lineLength, i + MAX_SEPARATOR);
    while (i < limit && !isDigit(line[i])) {
      i++;
    }
    if (i == limit) {
      return;
    }
    value = 0;
    while (i < lineLength && isDigit(line[i])) {
      value = value * 10 + (line[i++] - '0');
    }
    second = value;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private void dispatch(long now) {
    if (!dataSeen) {
      return; // a comment (heartbeat) or an id-only block
    }
    dataSeen = false;
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
