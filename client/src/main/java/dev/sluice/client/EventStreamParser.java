package dev.sluice.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads the bytes of one {@code text/event-stream} response as the WHATWG HTML standard's
 * "Interpreting an event stream" does, and dispatches its events: lines end in CRLF, LF or CR (a CR
 * at the end of one chunk and an LF at the start of the next are one line end), one leading BOM is
 * ignored, a line starting with a colon is a comment, one space after the field's colon is dropped,
 * {@code data} lines are joined with LF, an {@code id} with NUL is ignored, {@code retry} counts
 * only when it is all ASCII digits, and a blank line dispatches. An event not ended by a blank line
 * when the bytes stop is never dispatched.
 *
 * <p>Bytes may be split anywhere, inside a line, a line end or a UTF-8 sequence: the result is the
 * same. Text is decoded as UTF-8 with U+FFFD for malformed sequences, one line at a time; since CR
 * and LF never occur inside a UTF-8 sequence, that is the standard's decoding of the whole event
 * stream.
 *
 * <p>Memory is bounded by {@code maxEventSize}: a line, or an event's data, longer than that many
 * bytes fails with {@link SseClientException} rather than growing without end. Not thread-safe:
 * feed one event stream from one thread at a time. {@link SseClient} uses one per response; it is
 * public for code that reads event streams from a transport of its own.
 *
 * <pre>{@code
 * EventStreamParser parser = new EventStreamParser(event -> System.out.println(event.data()));
 * parser.feed(ByteBuffer.wrap("data: hello\n\n".getBytes(UTF_8)));   // prints hello
 * }</pre>
 */
public final class EventStreamParser {
  /** The default {@code maxEventSize}: 1 MiB. */
  public static final int DEFAULT_MAX_EVENT_SIZE = 1024 * 1024;

  private static final byte[] DATA = {'d', 'a', 't', 'a'};
  private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};
  private static final byte[] ID = {'i', 'd'};
  private static final byte[] RETRY = {'r', 'e', 't', 'r', 'y'};

  /** A line buffer grown past this is given back after its event, so one big event is not kept. */
  private static final int KEPT_LINE_CAPACITY = 8 * 1024;

  /** What an event stream dispatches. Called on the thread that feeds the parser. */
  public interface Listener {
    /** A dispatched event (a block with data, ended by a blank line). */
    void onEvent(MessageEvent<String> event);

    /** A {@code retry} field set the reconnection time to this many milliseconds. */
    default void onRetry(long millis) {}

    /** A comment line (heartbeats are empty ones), without its colon and one leading space. */
    default void onComment(String comment) {}

    /**
     * A blank line ended a block without data, which dispatches no event: a block of only an {@code
     * id} (now {@link EventStreamParser#lastEventId()}), a {@code retry} (reported before, by
     * {@link #onRetry}), an {@code event} name or comments, or an empty one. An {@code EventSource}
     * shows nothing for it; code that counts what a server sent, such as a server's last {@code
     * retry} before it closes, or that keeps the last event id, can see it here.
     */
    default void onBlockWithoutData() {}
  }

  private final Listener listener;
  private final int maxEventSize;

  private byte[] line;
  private int lineLength;
  private boolean afterCr;
  private boolean firstLine = true;

  // The standard's buffers, per event stream: "initialized to the empty string".
  private final StringBuilder dataBuffer = new StringBuilder();
  private int dataBytes;
  private String eventTypeBuffer = "";
  private String lastEventIdBuffer = "";

  /** The event source's "last event ID string", which outlives one event stream. */
  private String lastEventId;

  /** A parser with no last event id yet and the default {@code maxEventSize}. */
  public EventStreamParser(Listener listener) {
    this(listener, "", DEFAULT_MAX_EVENT_SIZE);
  }

  /**
   * @param lastEventId the event source's last event id before this event stream (after a
   *     reconnect, what the previous event stream left): {@link #lastEventId()} until this event
   *     stream dispatches. The event stream's own id buffer starts empty, as the standard has it,
   *     so its events carry only ids it sets
   * @param maxEventSize the most bytes in one line, and in one event's data
   */
  public EventStreamParser(Listener listener, String lastEventId, int maxEventSize) {
    if (maxEventSize < 1) {
      throw new IllegalArgumentException("maxEventSize must be positive, got " + maxEventSize);
    }
    this.listener = Objects.requireNonNull(listener, "listener");
    this.lastEventId = Objects.requireNonNull(lastEventId, "lastEventId");
    this.maxEventSize = maxEventSize;
    this.line = new byte[initialLineCapacity()];
  }

  private int initialLineCapacity() {
    return Math.min(256, maxEventSize);
  }

  /**
   * The event source's last event id: set by each dispatch (an id-only block too) to the last
   * {@code id} field of the event stream; what a reconnect sends as {@code Last-Event-ID}.
   */
  public String lastEventId() {
    return lastEventId;
  }

  /**
   * Reads the next bytes of the event stream; dispatches every event they end.
   *
   * @throws SseClientException if a line or an event's data exceeds {@code maxEventSize}
   */
  public void feed(ByteBuffer bytes) {
    while (bytes.hasRemaining()) {
      accept(bytes.get());
    }
  }

  /**
   * Reads {@code length} bytes of {@code bytes} from {@code offset}, as {@link #feed(ByteBuffer)}.
   */
  public void feed(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    for (int i = offset; i < offset + length; i++) {
      accept(bytes[i]);
    }
  }

  private void accept(byte b) {
    if (afterCr) {
      afterCr = false;
      if (b == '\n') {
        return; // the LF of a CRLF
      }
    }
    if (b == '\r') {
      afterCr = true;
      lineEnded();
    } else if (b == '\n') {
      lineEnded();
    } else {
      if (lineLength == line.length) {
        grow();
      }
      line[lineLength++] = b;
    }
  }

  private void grow() {
    if (lineLength >= maxEventSize) {
      throw new SseClientException(
          "A line of the event stream is longer than maxEventSize (" + maxEventSize + " bytes)");
    }
    line = Arrays.copyOf(line, (int) Math.min(maxEventSize, 2L * line.length));
  }

  private void lineEnded() {
    int start = 0;
    if (firstLine) {
      firstLine = false;
      // The UTF-8 decode algorithm drops one leading BOM of the event stream.
      if (lineLength >= 3
          && line[0] == (byte) 0xEF
          && line[1] == (byte) 0xBB
          && line[2] == (byte) 0xBF) {
        start = 3;
      }
    }
    processLine(start, lineLength);
    lineLength = 0;
  }

  /** "The steps to process the line", on the bytes {@code [start, end)} of {@link #line}. */
  private void processLine(int start, int end) {
    if (start == end) {
      dispatch();
      return;
    }
    if (line[start] == ':') {
      listener.onComment(text(skipSpace(start + 1, end), end));
      return;
    }
    // ':' is ASCII, so the first colon byte is the first colon character.
    int colon = start;
    while (colon < end && line[colon] != ':') {
      colon++;
    }
    int valueStart = colon == end ? end : skipSpace(colon + 1, end);
    processField(start, colon, valueStart, end);
  }

  private int skipSpace(int at, int end) {
    return at < end && line[at] == ' ' ? at + 1 : at;
  }

  /**
   * "The steps to process the field". Names are compared as bytes: the four known names are ASCII,
   * so bytes equal to one of them are exactly the lines that decode to it.
   */
  private void processField(int nameStart, int nameEnd, int valueStart, int valueEnd) {
    if (nameIs(DATA, nameStart, nameEnd)) {
      dataBytes += valueEnd - valueStart + 1;
      if (dataBytes > maxEventSize) {
        throw new SseClientException(
            "An event's data is longer than maxEventSize (" + maxEventSize + " bytes)");
      }
      dataBuffer.append(text(valueStart, valueEnd)).append('\n');
    } else if (nameIs(EVENT, nameStart, nameEnd)) {
      eventTypeBuffer = text(valueStart, valueEnd);
    } else if (nameIs(ID, nameStart, nameEnd)) {
      if (!contains((byte) 0, valueStart, valueEnd)) {
        lastEventIdBuffer = text(valueStart, valueEnd);
      }
    } else if (nameIs(RETRY, nameStart, nameEnd)) {
      // An empty value has no digits to read; browsers ignore it too.
      if (valueStart < valueEnd && allDigits(valueStart, valueEnd)) {
        listener.onRetry(parseMillis(valueStart, valueEnd));
      }
    }
    // "Otherwise: The field is ignored."
  }

  /** "Dispatching the event", steps 1 to 8. */
  private void dispatch() {
    lastEventId = lastEventIdBuffer;
    if (dataBuffer.length() == 0) {
      eventTypeBuffer = "";
      listener.onBlockWithoutData();
      return;
    }
    dataBuffer.setLength(dataBuffer.length() - 1); // the LF after the last data line
    String type = eventTypeBuffer.isEmpty() ? "message" : eventTypeBuffer;
    MessageEvent<String> event = new MessageEvent<>(type, dataBuffer.toString(), lastEventId);
    dataBuffer.setLength(0);
    if (dataBuffer.capacity() > KEPT_LINE_CAPACITY) {
      dataBuffer.trimToSize();
    }
    dataBytes = 0;
    eventTypeBuffer = "";
    if (line.length > KEPT_LINE_CAPACITY) {
      line = new byte[initialLineCapacity()];
    }
    listener.onEvent(event);
  }

  private boolean nameIs(byte[] name, int start, int end) {
    return Arrays.equals(line, start, end, name, 0, name.length);
  }

  private boolean contains(byte b, int start, int end) {
    for (int i = start; i < end; i++) {
      if (line[i] == b) {
        return true;
      }
    }
    return false;
  }

  private boolean allDigits(int start, int end) {
    for (int i = start; i < end; i++) {
      if (line[i] < '0' || line[i] > '9') {
        return false;
      }
    }
    return true;
  }

  /** A base-ten integer; one too large for a long is as good as forever. */
  private long parseMillis(int start, int end) {
    long value = 0;
    for (int i = start; i < end; i++) {
      int digit = line[i] - '0';
      if (value > (Long.MAX_VALUE - digit) / 10) {
        return Long.MAX_VALUE;
      }
      value = value * 10 + digit;
    }
    return value;
  }

  private String text(int start, int end) {
    return new String(line, start, end - start, UTF_8);
  }
}
