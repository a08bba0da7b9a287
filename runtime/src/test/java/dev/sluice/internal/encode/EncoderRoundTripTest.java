package dev.sluice.internal.encode;

import static dev.sluice.internal.encode.Encoding.encode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.SseEvent;
import dev.sluice.encode.Utf8Buffer;
import dev.sluice.internal.encode.SpecParser.ParsedEvent;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Whatever is encoded, a client following the WHATWG spec ({@link SpecParser}) reads back what was
 * built: the data, the event type, the last event id and the retry. Strings are valid UTF-16 (no
 * lone surrogates), the only kind whose data survives exactly. Line breaks in data come back as LF,
 * the only one a client can produce ({@link #asRead}).
 *
 * <p>Each test checks {@value #CASES} random inputs. Case {@code i} of a test draws its input from
 * {@code new SplittableRandom(seed)} with {@code seed = BASE_SEED + i}, where the base seed is a
 * fixed constant of that test, so every run checks the same inputs. A failure names the case, its
 * seed and the input (as a Java string literal); the same seed given to the same generator makes
 * the same input again.
 */
class EncoderRoundTripTest {
  private static final int CASES = 1000;

  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final ObjectMapper mapper = new ObjectMapper();
  private final JacksonEncoders encoders = new JacksonEncoders(mapper);

  @Test
  void textEvent_readsBackAsBuilt() {
    forAll(
        0x5EED_0001_0000_0000L,
        EncoderRoundTripTest::event,
        EncoderRoundTripTest::describe,
        event -> {
          SpecParser parsed = SpecParser.parse(encode(encoders.textEvents(), event));

          assertEquals(clientModel(List.of(event)), readJsonData(List.of(event), parsed.events()));
          assertEquals(event.id() == null ? "" : event.id(), parsed.lastEventId());
          Long retry = event.retry() == null ? null : event.retry().toMillis();
          assertEquals(retry, parsed.reconnectionTime());
        });
  }

  @Test
  void textEventSequence_readsBackTheDispatchedEventsInOrder() {
    forAll(
        0x5EED_0002_0000_0000L,
        EncoderRoundTripTest::eventSequence,
        events -> describeAll(events, EncoderRoundTripTest::describe),
        events -> {
          Utf8Buffer out = new Utf8Buffer(0);
          for (SseEvent<String> event : events) {
            encoders.textEvents().encode(event, out);
          }
          SpecParser parsed = SpecParser.parse(out.toByteArray());

          assertEquals(clientModel(events), readJsonData(events, parsed.events()));
          assertEquals(
              events.stream().map(SseEvent::id).filter(Objects::nonNull).reduce("", (a, b) -> b),
              parsed.lastEventId());
          assertEquals(
              events.stream()
                  .map(SseEvent::retry)
                  .filter(Objects::nonNull)
                  .map(Duration::toMillis)
                  .collect(Collectors.toList()),
              parsed.retries());
        });
  }

  @Test
  void plainText_readsBackAsOneMessage() {
    forAll(
        0x5EED_0003_0000_0000L,
        EncoderRoundTripTest::text,
        EncoderRoundTripTest::quote,
        data -> {
          SpecParser parsed = SpecParser.parse(encode(encoders.text(), data));

          assertEquals(List.of(new ParsedEvent("message", asRead(data), "")), parsed.events());
        });
  }

  @Test
  void plainTextSequence_readsBackInOrder() {
    forAll(
        0x5EED_0004_0000_0000L,
        EncoderRoundTripTest::texts,
        data -> describeAll(data, EncoderRoundTripTest::quote),
        data -> {
          Utf8Buffer out = new Utf8Buffer(0);
          for (String element : data) {
            encoders.text().encode(element, out);
          }

          assertEquals(
              data.stream()
                  .map(d -> new ParsedEvent("message", asRead(d), ""))
                  .collect(Collectors.toList()),
              SpecParser.parse(out.toByteArray()).events());
        });
  }

  @Test
  void json_compactAndPretty_readBackAsTheSameValue() {
    ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    List<JacksonEncoders> jsonEncoders = List.of(encoders, new JacksonEncoders(pretty));

    forAll(
        0x5EED_0005_0000_0000L,
        EncoderRoundTripTest::texts,
        value -> describeAll(value, EncoderRoundTripTest::quote),
        value -> {
          for (JacksonEncoders json : jsonEncoders) {
            List<ParsedEvent> events = SpecParser.parse(encode(json.json(STRINGS), value)).events();
            assertEquals(1, events.size());
            assertEquals(value, readJson(events.get(0).data(), STRINGS));
          }
        });
  }

  /**
   * Checks {@code property} on {@value #CASES} inputs, case {@code i} made by {@code generator}
   * from a {@link SplittableRandom} seeded with {@code baseSeed + i}. Stops at the first failing
   * case, naming it, its seed and its input ({@code show}); the original failure is the cause.
   */
  private static <T> void forAll(
      long baseSeed,
      Function<SplittableRandom, T> generator,
      Function<? super T, String> show,
      Consumer<? super T> property) {
    for (int i = 0; i < CASES; i++) {
      long seed = baseSeed + i;
      T input = generator.apply(new SplittableRandom(seed));
      try {
        property.accept(input);
      } catch (AssertionError | RuntimeException e) {
        fail(
            String.format(
                "case %d of %d failed (seed %d = 0x%X + %d)%n  input: %s%n  failure: %s",
                i, CASES, seed, baseSeed, i, show.apply(input), e),
            e);
      }
    }
  }

  /**
   * Text data as a client reads it back: the wire has no way to carry a CR in data, so CRLF and CR,
   * like LF, end a data line, and the client joins the lines with LF.
   */
  private static String asRead(String data) {
    return data.replace("\r\n", "\n").replace('\r', '\n');
  }

  /**
   * What the spec says a client dispatches for these events: the last event id persists across
   * events, also from events without data, which dispatch nothing. JSON data is given as the value,
   * to compare with {@link #readJsonData}.
   */
  private static List<ParsedEvent> clientModel(List<SseEvent<String>> events) {
    List<ParsedEvent> dispatched = new ArrayList<>();
    String lastEventId = "";
    for (SseEvent<String> event : events) {
      if (event.id() != null) {
        lastEventId = event.id();
      }
      if (event.data() != null) {
        String type = event.event() == null || event.event().isEmpty() ? "message" : event.event();
        String data = event.isJson() ? event.data() : asRead(event.data());
        dispatched.add(new ParsedEvent(type, data, lastEventId));
      }
    }
    return dispatched;
  }

  /**
   * The parsed events with the data of JSON events read as a JSON string. Jackson may write a
   * character in several valid ways (it escapes non-BMP characters as surrogate pairs when it
   * writes bytes), so the JSON is compared as a value, not as text.
   */
  private List<ParsedEvent> readJsonData(List<SseEvent<String>> sent, List<ParsedEvent> read) {
    List<SseEvent<String>> withData =
        sent.stream().filter(e -> e.data() != null).collect(Collectors.toList());
    if (withData.size() != read.size()) {
      return read; // the caller's comparison fails and shows both lists
    }
    List<ParsedEvent> decoded = new ArrayList<>();
    for (int i = 0; i < read.size(); i++) {
      ParsedEvent event = read.get(i);
      decoded.add(
          withData.get(i).isJson()
              ? new ParsedEvent(
                  event.type(), readJson(event.data(), String.class), event.lastEventId())
              : event);
    }
    return decoded;
  }

  private <T> T readJson(String json, Class<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private <T> T readJson(String json, TypeReference<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Generators. Each draws everything it needs from the one SplittableRandom it is given, in a
  // fixed order, so the seed alone determines the input.

  /**
   * An event the builder accepts: data (20% absent, as text or JSON), a name and an id (each 50%
   * absent), a retry and a comment (each 70% absent). Draws again when the draw holds nothing that
   * makes an event: the builder rejects an event without data, comment, id or retry (a name alone
   * dispatches nothing).
   */
  private static SseEvent<String> event(SplittableRandom random) {
    while (true) {
      String data = orNull(random, 0.2, EncoderRoundTripTest::text);
      boolean json = random.nextBoolean();
      String name = orNull(random, 0.5, EncoderRoundTripTest::eventName);
      String id = orNull(random, 0.5, EncoderRoundTripTest::singleLine);
      Duration retry = orNull(random, 0.7, EncoderRoundTripTest::retry);
      String comment = orNull(random, 0.7, EncoderRoundTripTest::text);
      if (data == null && id == null && retry == null && comment == null) {
        continue;
      }
      SseEvent.Builder<String> builder = SseEvent.builder();
      if (data != null) {
        builder = json ? builder.json(data) : builder.data(data);
      }
      if (name != null) {
        builder.event(name);
      }
      if (id != null) {
        builder.id(id);
      }
      if (retry != null) {
        builder.retry(retry);
      }
      if (comment != null) {
        builder.comment(comment);
      }
      return builder.build();
    }
  }

  /** Zero to ten events. */
  private static List<SseEvent<String>> eventSequence(SplittableRandom random) {
    return listOf(random, 10, EncoderRoundTripTest::event);
  }

  /** Text that may hold line breaks, as data and comments may. */
  private static String text(SplittableRandom random) {
    return string(random, true);
  }

  /** Zero to eight texts. */
  private static List<String> texts(SplittableRandom random) {
    return listOf(random, 8, EncoderRoundTripTest::text);
  }

  /** Text without CR, LF or NUL, as event names and ids must be. */
  private static String singleLine(SplittableRandom random) {
    return string(random, false);
  }

  /** Such text, and not blank, as event names must be; with leading and trailing spaces too. */
  private static String eventName(SplittableRandom random) {
    String name = singleLine(random);
    return name.isBlank() ? name + "x" : name;
  }

  /**
   * A retry of 0 to {@link Long#MAX_VALUE} milliseconds or nanoseconds (half each), a quarter of
   * them edge values: 0, 1, values around a millisecond and a second, the largest.
   */
  private static Duration retry(SplittableRandom random) {
    long amount;
    if (random.nextInt(4) == 0) {
      long[] edges = {0, 1, 999, 1000, 999_999, 1_000_000, Long.MAX_VALUE - 1, Long.MAX_VALUE};
      amount = edges[random.nextInt(edges.length)];
    } else {
      amount = random.nextLong(Long.MAX_VALUE); // 0 inclusive to Long.MAX_VALUE exclusive
    }
    return random.nextBoolean() ? Duration.ofMillis(amount) : Duration.ofNanos(amount);
  }

  /**
   * Strings made of zero to eight pieces that exercise the wire format: plain ASCII (with ':'),
   * runs of spaces (so values often start with one), ':' on its own, the empty string, tab and
   * characters some decoders treat specially (BOM, LINE SEPARATOR, NEXT LINE), BMP non-ASCII,
   * non-BMP code points as surrogate pairs and, with {@code lineBreaks}, CR, LF, CRLF and NUL.
   */
  private static String string(SplittableRandom random, boolean lineBreaks) {
    int kinds = lineBreaks ? 9 : 7;
    int pieces = random.nextInt(9); // 0 to 8
    StringBuilder s = new StringBuilder();
    for (int p = 0; p < pieces; p++) {
      switch (random.nextInt(kinds)) {
        case 0: // printable ASCII, 0 to 6 chars
          for (int n = random.nextInt(7), i = 0; i < n; i++) {
            s.append((char) random.nextInt(' ', '~' + 1));
          }
          break;
        case 1: // 1 to 3 spaces
          s.append(" ".repeat(random.nextInt(1, 4)));
          break;
        case 2:
          s.append(':');
          break;
        case 3:
          s.append("");
          break;
        case 4:
          s.append(pick(random, "\t", "\uFEFF", "\u2028", "\u0085"));
          break;
        case 5: // one BMP non-ASCII char, not a surrogate
          s.append(
              random.nextBoolean()
                  ? (char) random.nextInt('\u0080', '\uD7FF' + 1)
                  : (char) random.nextInt('\uE000', '\uFFFF' + 1));
          break;
        case 6: // one non-BMP code point: a valid surrogate pair
          s.appendCodePoint(
              random.nextInt(Character.MIN_SUPPLEMENTARY_CODE_POINT, Character.MAX_CODE_POINT + 1));
          break;
        case 7:
          s.append(pick(random, "\r", "\n", "\r\n", "\0"));
          break;
        case 8:
          s.append(pick(random, "\r", "\n", "\r\n"));
          break;
        default:
          throw new AssertionError("no such piece");
      }
    }
    return s.toString();
  }

  /** Null with probability {@code nullProbability}, else a generated value. */
  private static <T> T orNull(
      SplittableRandom random, double nullProbability, Function<SplittableRandom, T> generator) {
    return random.nextDouble() < nullProbability ? null : generator.apply(random);
  }

  /** Zero to {@code maxSize} generated elements. */
  private static <T> List<T> listOf(
      SplittableRandom random, int maxSize, Function<SplittableRandom, T> generator) {
    int size = random.nextInt(maxSize + 1);
    List<T> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(generator.apply(random));
    }
    return list;
  }

  private static String pick(SplittableRandom random, String... choices) {
    return choices[random.nextInt(choices.length)];
  }

  // ---------------------------------------------------------------------------------------------
  // Showing inputs in failure messages, with every string as a Java literal so that CR, LF, NUL,
  // spaces and surrogates can be seen and the input can be pasted into a test.

  private static String describe(SseEvent<String> event) {
    List<String> fields = new ArrayList<>();
    if (event.data() != null) {
      fields.add((event.isJson() ? "json=" : "data=") + quote(event.data()));
    }
    if (event.event() != null) {
      fields.add("event=" + quote(event.event()));
    }
    if (event.id() != null) {
      fields.add("id=" + quote(event.id()));
    }
    if (event.retry() != null) {
      fields.add("retry=" + event.retry() + " (" + event.retry().toMillis() + " ms)");
    }
    if (event.comment() != null) {
      fields.add("comment=" + quote(event.comment()));
    }
    return "SseEvent{" + String.join(", ", fields) + "}";
  }

  private static <T> String describeAll(List<T> elements, Function<? super T, String> show) {
    return elements.stream().map(show).collect(Collectors.joining(", ", "[", "]"));
  }

  /** The string as a Java string literal, escaping all but printable ASCII. */
  private static String quote(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\r':
          q.append("\\r");
          break;
        case '\n':
          q.append("\\n");
          break;
        case '\t':
          q.append("\\t");
          break;
        case '"':
          q.append("\\\"");
          break;
        case '\\':
          q.append("\\\\");
          break;
        default:
          if (c >= ' ' && c <= '~') {
            q.append(c);
          } else {
            q.append(String.format("\\u%04X", (int) c));
          }
      }
    }
    return q.append('"').toString();
  }
}
