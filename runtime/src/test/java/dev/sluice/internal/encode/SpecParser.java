package dev.sluice.internal.encode;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;

/**
 * A client-side event-stream parser written straight from the WHATWG HTML standard, section 9.2
 * "Server-sent events": "Interpreting an event stream" and "Dispatching the event"
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html). The encoder tests read their
 * output back through it, so it follows the spec's steps rather than the encoder's code, and is
 * kept free of anything the encoder does.
 *
 * <p>It reads one complete stream: {@link #parse} feeds all bytes and then ends the stream, which
 * discards an event that was not ended by a blank line. It does not model the parts of the spec
 * that concern the {@code EventSource} object (origin, readyState, reconnection itself).
 */
final class SpecParser {
  /** One dispatched {@code MessageEvent}: its type, data and lastEventId attributes. */
  record ParsedEvent(String type, String data, String lastEventId) {}

  private final List<ParsedEvent> events = new ArrayList<>();
  private final List<Long> retries = new ArrayList<>();

  // "the data buffer, the event type buffer, and the last event ID buffer ... must be
  // initialized to the empty string."
  private final StringBuilder dataBuffer = new StringBuilder();
  private String eventTypeBuffer = "";
  private String lastEventIdBuffer = "";

  // The event source's "last event ID string", initially the empty string.
  private String lastEventId = "";

  // The event stream's "reconnection time"; null until a retry field sets it.
  private Long reconnectionTime;

  private SpecParser() {}

  /** Parses a complete stream, from its first byte to its end. */
  static SpecParser parse(byte[] stream) {
    SpecParser parser = new SpecParser();
    parser.interpret(decode(stream));
    return parser;
  }

  /** The dispatched events, in order. */
  List<ParsedEvent> events() {
    return List.copyOf(events);
  }

  /** The event source's last event ID string at the end of the stream. */
  String lastEventId() {
    return lastEventId;
  }

  /** The reconnection time (in ms) last set by a {@code retry} field, or null if none was. */
  Long reconnectionTime() {
    return reconnectionTime;
  }

  /** Every value a {@code retry} field set the reconnection time to, in order. */
  List<Long> retries() {
    return List.copyOf(retries);
  }

  /**
   * "Streams must be decoded using the UTF-8 decode algorithm." That algorithm strips one leading
   * BOM ("One leading U+FEFF BYTE ORDER MARK character must be ignored if any are present") and
   * replaces malformed sequences with U+FFFD, as {@code new String(.., UTF_8)} does.
   */
  private static String decode(byte[] stream) {
    String text = new String(stream, UTF_8);
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /**
   * "Lines must be separated by either a U+000D CARRIAGE RETURN U+000A LINE FEED (CRLF) character
   * pair, a single U+000A LINE FEED (LF) character, or a single U+000D CARRIAGE RETURN (CR)
   * character." Text after the last line ending is not a line: the stream ended in the middle of
   * it.
   */
  private void interpret(String stream) {
    int lineStart = 0;
    int n = stream.length();
    for (int i = 0; i < n; i++) {
      char c = stream.charAt(i);
      if (c == '\r' || c == '\n') {
        processLine(stream.substring(lineStart, i));
        if (c == '\r' && i + 1 < n && stream.charAt(i + 1) == '\n') {
          i++; // CRLF is one line ending
        }
        lineStart = i + 1;
      }
    }
    // "Once the end of the file is reached, any pending data must be discarded. (If the file
    // ends in the middle of an event, before the final empty line, the incomplete event is not
    // dispatched.)" The buffers are simply dropped with this parser.
  }

  /** "The steps to process the line": the four cases, in the spec's order. */
  private void processLine(String line) {
    // "If the line is empty (a blank line): Dispatch the event, as defined below."
    if (line.isEmpty()) {
      dispatch();
      return;
    }
    // "If the line starts with a U+003A COLON character (:): Ignore the line."
    if (line.charAt(0) == ':') {
      return;
    }
    int colon = line.indexOf(':');
    if (colon >= 0) {
      // "If the line contains a U+003A COLON character (:): Collect the characters on the line
      // before the first U+003A COLON character (:), and let field be that string. Collect the
      // characters on the line after the first U+003A COLON character (:), and let value be
      // that string. If value starts with a U+0020 SPACE character, remove it from value."
      String field = line.substring(0, colon);
      String value = line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      processField(field, value);
    } else {
      // "Otherwise, the string is not empty but does not contain a U+003A COLON character (:):
      // Process the field using ... the whole line as the field name, and the empty string as
      // the field value."
      processField(line, "");
    }
  }

  /** "The steps to process the field given a field name and a field value." */
  private void processField(String name, String value) {
    switch (name) {
      case "event":
        // "Set the event type buffer to field value."
        eventTypeBuffer = value;
        break;
      case "data":
        // "Append the field value to the data buffer, then append a single U+000A LINE FEED
        // (LF) character to the data buffer."
        dataBuffer.append(value).append('\n');
        break;
      case "id":
        // "If the field value does not contain U+0000 NULL, then set the last event ID buffer
        // to the field value. Otherwise, ignore the field."
        if (value.indexOf('\0') < 0) {
          lastEventIdBuffer = value;
        }
        break;
      case "retry":
        // "If the field value consists of only ASCII digits, then interpret the field value as
        // an integer in base ten, and set the event stream's reconnection time to that integer.
        // Otherwise, ignore the field." An empty value has no digits to interpret, and browsers
        // ignore it too. Values past Long.MAX_VALUE fail loudly: the encoder never writes them.
        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
          reconnectionTime = Long.parseLong(value);
          retries.add(reconnectionTime);
        }
        break;
      default:
        // "Otherwise: The field is ignored."
        break;
    }
  }

  /** "Dispatching the event", steps 1 to 8. */
  private void dispatch() {
    // 1. "Set the last event ID string of the event source to the value of the last event ID
    // buffer. The buffer does not get reset, so the last event ID string of the event source
    // remains set to this value until the next time it is set by the server."
    lastEventId = lastEventIdBuffer;
    // 2. "If the data buffer is an empty string, set the data buffer and the event type buffer
    // to the empty string and return."
    if (dataBuffer.length() == 0) {
      eventTypeBuffer = "";
      return;
    }
    // 3. "If the data buffer's last character is a U+000A LINE FEED (LF) character, then remove
    // the last character from the data buffer."
    if (dataBuffer.charAt(dataBuffer.length() - 1) == '\n') {
      dataBuffer.setLength(dataBuffer.length() - 1);
    }
    // 4-5. "Let event be the result of creating an event using MessageEvent ... Initialize
    // event's type attribute to "message", its data attribute to data, ... and the
    // lastEventId attribute to the last event ID string of the event source."
    String type = "message";
    // 6. "If the event type buffer has a value other than the empty string, change the type of
    // the newly created event to equal the value of the event type buffer."
    if (!eventTypeBuffer.isEmpty()) {
      type = eventTypeBuffer;
    }
    ParsedEvent event = new ParsedEvent(type, dataBuffer.toString(), lastEventId);
    // 7. "Set the data buffer and the event type buffer to the empty string."
    dataBuffer.setLength(0);
    eventTypeBuffer = "";
    // 8. "Queue a task ... to dispatch the newly created event at the EventSource object."
    events.add(event);
  }
}
