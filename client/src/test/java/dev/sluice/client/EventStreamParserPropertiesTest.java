package dev.sluice.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The parser against streams it has never seen: random events written in every way the standard
 * allows (each line end, with or without the optional space, comments and unknown fields between
 * fields, extra blank lines, a BOM, text with NUL, colons, leading spaces and characters outside
 * the BMP), cut into chunks at random bytes, must parse back to exactly the events written. Each
 * case comes from its own seed, which a failure names with its input, so that it can be replayed
 * alone.
 */
class EventStreamParserPropertiesTest {
  private static final int CASES = 2_000;

  /** One block of fields ended by a blank line; no data lines means it dispatches nothing. */
  record Block(String type, String id, List<String> data, Long retry, List<String> comments) {}

  @Test
  void randomEvents_parseBackExactly_whereverTheBytesAreCut() {
    for (long seed = 0; seed < CASES; seed++) {
      randomEvents(seed);
    }
  }

  @Test
  void anyBytes_parseTheSame_inOneChunkOrInMany() {
    for (long seed = 0; seed < CASES; seed++) {
      Random random = new Random(seed);
      byte[] bytes = streamBytes(random);
      List<Integer> cuts = cuts(bytes.length, random);
      String input = "seed " + seed + ", cut at " + cuts + ": " + escape(bytes);

      Parsed whole = new Parsed().feed(bytes);
      Parsed cut = new Parsed().feedCut(bytes, cuts);

      assertEquals(whole.events, cut.events, input);
      assertEquals(whole.retries, cut.retries, input);
      assertEquals(whole.comments, cut.comments, input);
      assertEquals(whole.parser.lastEventId(), cut.parser.lastEventId(), input);
    }
  }

  @Test
  void malformedUtf8_decodesAsTheWholeStreamWould() {
    for (long seed = 0; seed < CASES; seed++) {
      Random random = new Random(seed);
      ByteArrayOutputStream stream = new ByteArrayOutputStream();
      for (int i = random.nextInt(6); i > 0; i--) {
        stream.writeBytes("data: ".getBytes(UTF_8));
        for (int j = 1 + random.nextInt(12); j > 0; j--) {
          byte b = (byte) random.nextInt(256);
          stream.write(b == '\r' || b == '\n' ? 'x' : b);
        }
        stream.writeBytes("\n\n".getBytes(UTF_8));
      }
      byte[] bytes = stream.toByteArray();
      // The standard decodes the whole stream, then splits it into lines.
      List<String> expected = new ArrayList<>();
      for (String block : new String(bytes, UTF_8).split("\n\n")) {
        if (!block.isEmpty()) {
          expected.add(block.substring("data: ".length()));
        }
      }

      List<String> parsed = new ArrayList<>();
      new Parsed().feed(bytes).events.forEach(e -> parsed.add(e.data()));

      assertEquals(expected, parsed, "seed " + seed + ": " + escape(bytes));
    }
  }

  private static void randomEvents(long seed) {
    Random random = new Random(seed);
    List<Block> blocks = blocks(random);
    Wire wire = new Wire(random);
    List<MessageEvent<String>> expected = new ArrayList<>();
    List<Long> expectedRetries = new ArrayList<>();
    List<String> expectedComments = new ArrayList<>();
    String lastId = "";
    if (random.nextInt(4) == 0) {
      wire.bytes("\uFEFF");
    }
    for (Block block : blocks) {
      wire.block(block);
      if (block.retry() != null) {
        expectedRetries.add(block.retry());
      }
      expectedComments.addAll(block.comments());
      if (block.id() != null) {
        lastId = block.id();
      }
      if (!block.data().isEmpty()) {
        String type = block.type() == null || block.type().isEmpty() ? "message" : block.type();
        expected.add(new MessageEvent<>(type, String.join("\n", block.data()), lastId));
      }
    }
    if (random.nextBoolean()) {
      wire.line("data: never dispatched"); // the stream stops before its blank line
    }
    byte[] bytes = wire.toByteArray();
    List<Integer> cuts = cuts(bytes.length, random);
    String input = "seed " + seed + ", cut at " + cuts + ": " + escape(bytes);

    Parsed parsed = new Parsed().feedCut(bytes, cuts);

    assertEquals(expected, parsed.events, input);
    assertEquals(expectedRetries, parsed.retries, input);
    assertEquals(expectedComments, parsed.comments, input);
    assertEquals(lastId, parsed.parser.lastEventId(), input);
  }

  private static List<Block> blocks(Random random) {
    List<Block> blocks = new ArrayList<>();
    for (int i = random.nextInt(13); i > 0; i--) {
      List<String> data = new ArrayList<>();
      for (int j = random.nextInt(5); j > 0; j--) {
        data.add(text(random));
      }
      List<String> comments = new ArrayList<>();
      for (int j = random.nextInt(3); j > 0; j--) {
        comments.add(text(random));
      }
      blocks.add(
          new Block(
              random.nextInt(5) < 2 ? text(random) : null,
              random.nextBoolean() ? text(random).replace("\u0000", "") : null,
              data,
              random.nextInt(5) == 0 ? (long) random.nextInt(Integer.MAX_VALUE) * 1000 : null,
              comments));
    }
    return blocks;
  }

  /** Text of any characters but CR and LF, leaning on the ones that matter to the format. */
  private static String text(Random random) {
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(11); i > 0; i--) {
      int kind = random.nextInt(15);
      int codePoint;
      if (kind < 6) {
        codePoint = 0x20 + random.nextInt(0x7F - 0x20);
      } else if (kind < 9) {
        codePoint = random.nextBoolean() ? ' ' : ':';
      } else if (kind < 10) {
        do {
          codePoint = random.nextInt(0x20); // NUL, tab and the other controls
        } while (codePoint == '\r' || codePoint == '\n');
      } else if (kind < 12) {
        codePoint = 0x80 + random.nextInt(0xD800 - 0x80);
      } else if (kind < 13) {
        codePoint = 0xE000 + random.nextInt(0x10000 - 0xE000); // U+FEFF and U+FFFD among them
      } else {
        codePoint = 0x10000 + random.nextInt(0x110000 - 0x10000);
      }
      text.appendCodePoint(codePoint);
    }
    return text.toString();
  }

  /** Bytes that make lines and fields often: line ends, colons, spaces, field names, UTF-8. */
  private static byte[] streamBytes(Random random) {
    List<String> pieces =
        List.of(
            "\n",
            "\r",
            "\r\n",
            ":",
            " ",
            "data",
            "id",
            "event",
            "retry",
            "1",
            "\uFEFF",
            "\uD83D\uDE00");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = random.nextInt(61); i > 0; i--) {
      if (random.nextInt(3) < 2) {
        out.writeBytes(pieces.get(random.nextInt(pieces.size())).getBytes(UTF_8));
      } else {
        for (int j = random.nextInt(4); j > 0; j--) {
          out.write(random.nextInt(256));
        }
      }
    }
    return out.toByteArray();
  }

  /** Up to 20 distinct cut offsets strictly inside {@code [0, length]}, ascending. */
  private static List<Integer> cuts(int length, Random random) {
    TreeSet<Integer> cuts = new TreeSet<>();
    if (length > 1) {
      for (int i = random.nextInt(21); i > 0; i--) {
        cuts.add(1 + random.nextInt(length - 1));
      }
    }
    return new ArrayList<>(cuts);
  }

  private static String escape(byte[] bytes) {
    StringBuilder text = new StringBuilder();
    for (byte b : bytes) {
      text.append(
          b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02X", b & 0xFF));
    }
    return text.toString();
  }

  /** Writes blocks the way a server may, choosing each optional form at random. */
  private static final class Wire {
    private final Random random;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private String previousEnd = "\n";

    Wire(Random random) {
      this.random = random;
    }

    void block(Block block) {
      List<String> fields = new ArrayList<>();
      for (String data : block.data()) {
        fields.add(data.isEmpty() && random.nextBoolean() ? "data" : field("data", data));
      }
      insertAnywhere(fields, block.type() == null ? null : field("event", block.type()));
      insertAnywhere(fields, block.id() == null ? null : field("id", block.id()));
      insertAnywhere(fields, block.retry() == null ? null : field("retry", "" + block.retry()));
      if (random.nextInt(4) == 0) {
        insertAnywhere(fields, field(random.nextBoolean() ? "Data" : "foo", "ignored"));
      }
      // Comments keep their order among themselves, wherever they fall between the fields.
      int at = 0;
      for (String comment : block.comments()) {
        at += random.nextInt(fields.size() - at + 1);
        fields.add(
            at++, comment.startsWith(" ") || random.nextBoolean() ? ": " + comment : ":" + comment);
      }
      fields.forEach(this::line);
      line("");
      while (random.nextInt(5) == 0) {
        line(""); // extra blank lines dispatch nothing
      }
    }

    /** A field with its optional space, which must be there when the value starts with one. */
    private String field(String name, String value) {
      return name + (value.startsWith(" ") || random.nextBoolean() ? ": " : ":") + value;
    }

    private void insertAnywhere(List<String> fields, String field) {
      if (field != null) {
        fields.add(random.nextInt(fields.size() + 1), field);
      }
    }

    void line(String text) {
      String end = List.of("\n", "\r", "\r\n").get(random.nextInt(3));
      if (previousEnd.equals("\r") && text.isEmpty() && end.equals("\n")) {
        end = "\r\n"; // after a CR, a blank line ended by LF would join it as one CRLF
      }
      bytes(text + end);
      previousEnd = end;
    }

    void bytes(String text) {
      out.writeBytes(text.getBytes(UTF_8));
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }
}
