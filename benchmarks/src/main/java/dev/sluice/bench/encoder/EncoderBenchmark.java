package dev.sluice.bench.encoder;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.SseEvent;
import dev.sluice.encode.SseEncoder;
import dev.sluice.encode.Utf8Buffer;
import dev.sluice.internal.encode.JacksonEncoders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of encoding one element as a Server-Sent Event, with the encoders the server uses
 * ({@link JacksonEncoders} over a default {@link ObjectMapper}). Every operation encodes into the
 * same {@link Utf8Buffer}, cleared first and large enough never to grow, so the bytes allocated per
 * op (GC profiler) are the encoder's own.
 *
 * <p>Sized for a small, noisy machine: one fork, short iterations. Run through {@link
 * EncoderBenchmarks#run}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class EncoderBenchmark {

  /** A small JSON payload: a market tick. */
  public record Tick(String symbol, long price, int volume, boolean up) {}

  /** 64 ASCII characters on one line. */
  static final String SHORT_TEXT =
      "The quick brown fox jumps over the lazy dog, twice, then rests..";

  /** Five lines: five {@code data:} lines on the wire. */
  static final String MULTI_LINE_TEXT =
      "first line of the message\n"
          + "second line, a little longer than the first\n"
          + "third\n"
          + "fourth line with some more words in it\n"
          + "fifth and last line";

  private SseEncoder<String> text;
  private SseEncoder<Tick> json;
  private SseEncoder<SseEvent<String>> events;

  private Tick tick;
  private SseEvent<String> event;
  private Utf8Buffer out;

  @Setup
  public void setUp() {
    JacksonEncoders encoders = new JacksonEncoders(new ObjectMapper());
    text = encoders.text();
    json = encoders.json(Tick.class);
    events = encoders.textEvents();

    tick = new Tick("SLCE", 1_234_567L, 4_200, true);
    event =
        SseEvent.builder()
            .data(SHORT_TEXT)
            .event("tick")
            .id("1024")
            .retry(Duration.ofSeconds(5))
            .build();
    out = new Utf8Buffer(4096);

    // Measure the right thing: each benchmark writes the expected event.
    check(shortText(), "data: " + SHORT_TEXT + "\n\n");
    check(
        multiLineText(),
        "data: first line of the message\n"
            + "data: second line, a little longer than the first\n"
            + "data: third\n"
            + "data: fourth line with some more words in it\n"
            + "data: fifth and last line\n\n");
    check(
        jsonRecord(),
        "data: {\"symbol\":\"SLCE\",\"price\":1234567,\"volume\":4200,\"up\":true}\n\n");
    check(eventWithFields(), "retry: 5000\nid: 1024\nevent: tick\ndata: " + SHORT_TEXT + "\n\n");
  }

  private void check(int size, String expected) {
    String actual = new String(out.array(), 0, size, StandardCharsets.UTF_8);
    if (!actual.equals(expected)) {
      throw new IllegalStateException(
          "Encoder benchmark writes the wrong event.\nExpected:\n"
              + expected
              + "\nActual:\n"
              + actual);
    }
  }

  /** A one-line text event, ~64 bytes of text. */
  @Benchmark
  public int shortText() {
    out.truncate(0);
    text.encode(SHORT_TEXT, out);
    return out.size();
  }

  /** A text event of five lines. */
  @Benchmark
  public int multiLineText() {
    out.truncate(0);
    text.encode(MULTI_LINE_TEXT, out);
    return out.size();
  }

  /** A record of four fields as JSON data, through Jackson. */
  @Benchmark
  public int jsonRecord() {
    out.truncate(0);
    json.encode(tick, out);
    return out.size();
  }

  /** An {@code SseEvent<String>} with an event name, an id and a retry. */
  @Benchmark
  public int eventWithFields() {
    out.truncate(0);
    events.encode(event, out);
    return out.size();
  }
}
