package dev.sluice.samples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads raw SSE bytes from a response body, one event (up to its blank line) at a time. */
final class EventReader {
  private final InputStream in;

  EventReader(InputStream in) {
    this.in = in;
  }

  /** The next event's bytes including its final blank line, or null at the end of the body. */
  String next() throws IOException {
    ByteArrayOutputStream event = new ByteArrayOutputStream();
    int previous = -1;
    int b;
    while ((b = in.read()) >= 0) {
      event.write(b);
      if (b == '\n' && previous == '\n') {
        return event.toString(StandardCharsets.UTF_8);
      }
      previous = b;
    }
    return event.size() == 0 ? null : event.toString(StandardCharsets.UTF_8);
  }
}
