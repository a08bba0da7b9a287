package dev.sluice.samples.nio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 response, read from its connection's bytes as they arrive: the status line and
 * headers, then the body with its framing undone (RFC 9112 section 6.3): chunked transfer coding
 * (section 7.1), a {@code Content-Length}, or everything until the connection closes. The one
 * de-chunker of the samples' test clients; a test that asserts the framing itself reads raw bytes
 * instead ({@code RawHttp}).
 *
 * <p>Not thread-safe: fed by its connection's thread, which the {@link Listener} is called on.
 */
public final class HttpResponseReader {
  /** What the response holds, in order. */
  public interface Listener {
    /**
     * The head: its status line, status code, and headers by lower-case name (the last of a
     * repeated one), values trimmed.
     */
    void head(String statusLine, int status, Map<String, String> headers);

    /** Bytes of the body, its framing undone; valid during the call only. */
    void body(byte[] bytes, int offset, int length);

    /** The body's framing ended: the last chunk and its trailer, or the whole length. */
    void complete();
  }

  private enum State {
    HEAD,
    CHUNK_SIZE,
    CHUNK_DATA,
    CHUNK_DATA_END,
    TRAILER,
    LENGTH,
    UNTIL_EOF,
    DONE
  }

  private final Listener listener;
  private final ByteArrayOutputStream head = new ByteArrayOutputStream();

  /** A chunk-size line or a trailer line being read, without its LF. */
  private final StringBuilder line = new StringBuilder();

  private State state = State.HEAD;

  /** What is left of the chunk, or of the {@code Content-Length} body. */
  private long remaining;

  public HttpResponseReader(Listener listener) {
    this.listener = listener;
  }

  /**
   * Reads what {@code in} holds, all of it: the bytes after the response's end are not this
   * response's, and are dropped. {@code in} must be backed by an array.
   */
  public void read(ByteBuffer in) {
    byte[] bytes = in.array();
    while (in.hasRemaining()) {
      int at = in.arrayOffset() + in.position();
      switch (state) {
        case HEAD -> {
          byte b = in.get();
          head.write(b);
          if (b == '\n' && endsWithBlankLine()) {
            parseHead();
          }
        }
        case CHUNK_DATA, LENGTH -> {
          int n = (int) Math.min(remaining, in.remaining());
          in.position(in.position() + n);
          remaining -= n;
          if (remaining == 0) {
            state = state == State.LENGTH ? State.DONE : State.CHUNK_DATA_END;
          }
          listener.body(bytes, at, n);
          if (state == State.DONE) {
            listener.complete();
          }
        }
        case UNTIL_EOF -> {
          int n = in.remaining();
          in.position(in.limit());
          listener.body(bytes, at, n);
        }
        case CHUNK_SIZE, CHUNK_DATA_END, TRAILER -> {
          char c = (char) (in.get() & 0xff);
          if (c == '\n') {
            String text = line.toString().trim(); // drops the CR
            line.setLength(0);
            lineEnded(text);
          } else {
            line.append(c);
          }
        }
        case DONE -> in.position(in.limit());
        default -> throw new AssertionError(state);
      }
    }
  }

  /** Whether the body's framing has ended (see {@link Listener#complete()}). */
  public boolean complete() {
    return state == State.DONE;
  }

  private boolean endsWithBlankLine() {
    byte[] bytes = head.toByteArray();
    int n = bytes.length;
    return n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r';
  }

  private void parseHead() {
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    int status = Integer.parseInt(statusLine[1]);
    String length = headers.get("content-length");
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      state = State.CHUNK_SIZE;
    } else if (length != null) {
      remaining = Long.parseLong(length);
      state = remaining == 0 ? State.DONE : State.LENGTH;
    } else {
      state = State.UNTIL_EOF;
    }
    listener.head(lines[0], status, Collections.unmodifiableMap(headers));
    if (state == State.DONE) {
      listener.complete();
    }
  }

  private void lineEnded(String text) {
    switch (state) {
      case CHUNK_SIZE -> {
        int extension = text.indexOf(';');
        remaining = Long.parseLong(extension < 0 ? text : text.substring(0, extension), 16);
        state = remaining == 0 ? State.TRAILER : State.CHUNK_DATA;
      }
      case CHUNK_DATA_END -> state = State.CHUNK_SIZE; // the CRLF after a chunk's data
      case TRAILER -> {
        // Trailer fields, then the blank line that ends the message.
        if (text.isEmpty()) {
          state = State.DONE;
          listener.complete();
        }
      }
      default -> throw new AssertionError(state);
    }
  }
}
