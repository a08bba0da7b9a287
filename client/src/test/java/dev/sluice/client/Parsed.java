package dev.sluice.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** What a parser dispatched, fed in the chunks a test chooses. */
final class Parsed {
  final List<MessageEvent<String>> events = new ArrayList<>();
  final List<Long> retries = new ArrayList<>();
  final List<String> comments = new ArrayList<>();

  /** Every callback in order: "event DATA", "retry N", "comment TEXT", "block without data". */
  final List<String> calls = new ArrayList<>();

  final EventStreamParser parser;

  Parsed() {
    this(EventStreamParser.DEFAULT_MAX_EVENT_SIZE);
  }

  Parsed(int maxEventSize) {
    parser =
        new EventStreamParser(
            new EventStreamParser.Listener() {
              @Override
              public void onEvent(MessageEvent<String> event) {
                events.add(event);
                calls.add("event " + event.data());
              }

              @Override
              public void onRetry(long millis) {
                retries.add(millis);
                calls.add("retry " + millis);
              }

              @Override
              public void onComment(String comment) {
                comments.add(comment);
                calls.add("comment " + comment);
              }

              @Override
              public void onBlockWithoutData() {
                calls.add("block without data");
              }
            },
            "",
            maxEventSize);
  }

  static Parsed of(String stream) {
    return new Parsed().feed(stream.getBytes(UTF_8));
  }

  static Parsed chunks(String... chunks) {
    Parsed parsed = new Parsed();
    for (String chunk : chunks) {
      parsed.feed(chunk.getBytes(UTF_8));
    }
    return parsed;
  }

  Parsed feed(byte[] bytes) {
    parser.feed(ByteBuffer.wrap(bytes));
    return this;
  }

  /** Feeds {@code bytes} cut at each of {@code cuts} (ascending offsets). */
  Parsed feedCut(byte[] bytes, List<Integer> cuts) {
    int from = 0;
    for (int cut : cuts) {
      parser.feed(bytes, from, cut - from);
      from = cut;
    }
    parser.feed(bytes, from, bytes.length - from);
    return this;
  }
}
