package dev.sluice.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.sluice.processor.TestSources.assertCompilesCleanly;
import static dev.sluice.processor.TestSources.clock;
import static dev.sluice.processor.TestSources.compile;
import static dev.sluice.processor.TestSources.compileStrictly;
import static dev.sluice.processor.TestSources.nestedEndpoint;
import static dev.sluice.processor.TestSources.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the processor writes for each endpoint class: exact for a representative
 * class, the same bytes for the same sources, and the schema of each kind of type as Jackson writes
 * it. Their validity by the official OpenAPI schema is checked in the samples, which have the
 * validator.
 */
class OpenApiFragmentTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ITEM = "/get/responses/200/content/text~1event-stream/itemSchema";

  @Test
  void clock_matchesGolden() {
    Compilation compilation = assertCompilesCleanly(clock());
    assertThat(compilation)
        .generatedFile(
            StandardLocation.CLASS_OUTPUT, "META-INF/sluice/openapi/com.example.Clock.json")
        .contentsAsUtf8String()
        .isEqualTo(golden("clock_matchesGolden/com.example.Clock.json"));
  }

  @Test
  void sameSources_giveTheSameBytes() {
    assertEquals(
        text(compileStrictly(clock()), "com.example.Clock"),
        text(compileStrictly(clock()), "com.example.Clock"));
  }

  @Test
  void nestedEndpointClass_isNamedByItsBinaryName() {
    JsonNode document =
        fragment(
            compileStrictly(
                nestedEndpoint(
                    "public class Outer",
                    "public static class Inner",
                    "/inner",
                    "public Stream<String> inner()")),
            "test.Outer$Inner");
    assertEquals("Outer.Inner", document.at("/info/title").asText());
    assertEquals("Outer.Inner.inner", document.at("/paths/~1inner/get/operationId").asText());
  }

  @Test
  void requiredPrincipal_isA401WithItsChallenge_anOptionalOneIsNot() {
    JsonNode document =
        fragment(
            compileStrictly(
                source(
                    "Mine",
                    "public class Mine {",
                    "  public record User(String name) {}",
                    "",
                    "  @SseEndpoint(\"/mine\")",
                    "  public Stream<String> mine(@Authenticated User user) {",
                    "    return null;",
                    "  }",
                    "",
                    "  @SseEndpoint(\"/anyone\")",
                    "  public Stream<String> anyone(@Authenticated Optional<User> user) {",
                    "    return null;",
                    "  }",
                    "}")),
            "test.Mine");
    assertEquals(
        "#/components/responses/Unauthenticated",
        document.at("/paths/~1mine/get/responses/401/$ref").asText());
    assertTrue(document.at("/paths/~1anyone/get/responses/401").isMissingNode());
    assertTrue(
        document.at("/paths/~1mine/get/parameters").isMissingNode(),
        "the principal is not a parameter the client sends");
    assertEquals(
        "string",
        document
            .at("/components/responses/Unauthenticated/headers/WWW-Authenticate/schema/type")
            .asText());
  }

  @Test
  void eachKindOfType_hasTheSchemaJacksonWrites() {
    JsonNode document =
        fragment(
            compileStrictly(
                source(
                    "Kinds",
                    "import java.math.BigDecimal;",
                    "import java.time.Instant;",
                    "import java.time.LocalDate;",
                    "import java.time.LocalDateTime;",
                    "import java.util.Map;",
                    "import java.util.Set;",
                    "",
                    "public class Kinds {",
                    "  public enum Color { RED, GREEN }",
                    "",
                    "  public record Page<T>(List<T> items, T first) {}",
                    "",
                    "  public record Node(String name, List<Node> children) {}",
                    "",
                    "  public record All(",
                    "      boolean flag, byte b, short s, int i, long l,",
                    "      float f, double d, char c,",
                    "      Integer boxed, String text, BigDecimal money, UUID id, Duration took,",
                    "      Instant at, LocalDate day, LocalDateTime local, Color color,",
                    "      Set<String> tags,",
                    "      List<Integer> numbers, Map<String, Long> counts, Optional<String> note,",
                    "      byte[] raw, int[] grid, Object anything, Thread jdkClass,",
                    "      Page<Color> page, Node tree) {}",
                    "",
                    "  @SseEndpoint(\"/all\")",
                    "  public Stream<All> all() {",
                    "    return null;",
                    "  }",
                    "}")),
            "test.Kinds");
    JsonNode all = document.at("/components/schemas/All/properties");
    assertEquals(json("{'type': 'boolean'}"), all.get("flag"));
    assertEquals(json("{'type': 'integer', 'minimum': -128, 'maximum': 127}"), all.get("b"));
    assertEquals(json("{'type': 'integer', 'minimum': -32768, 'maximum': 32767}"), all.get("s"));
    assertEquals(json("{'type': 'integer', 'format': 'int32'}"), all.get("i"));
    assertEquals(json("{'type': 'integer', 'format': 'int64'}"), all.get("l"));
    assertEquals(json("{'type': 'number', 'format': 'float'}"), all.get("f"));
    assertEquals(json("{'type': 'number', 'format': 'double'}"), all.get("d"));
    assertEquals(json("{'type': 'string', 'minLength': 1, 'maxLength': 1}"), all.get("c"));
    assertEquals(json("{'type': ['integer', 'null'], 'format': 'int32'}"), all.get("boxed"));
    assertEquals(json("{'type': ['string', 'null']}"), all.get("text"));
    assertEquals(json("{'type': ['number', 'null']}"), all.get("money"));
    assertEquals(json("{'type': ['string', 'null'], 'format': 'uuid'}"), all.get("id"));
    assertEquals(json("{'type': ['string', 'null'], 'format': 'duration'}"), all.get("took"));
    assertEquals(json("{'type': ['string', 'null'], 'format': 'date-time'}"), all.get("at"));
    assertEquals(json("{'type': ['string', 'null'], 'format': 'date'}"), all.get("day"));
    assertEquals(
        json("{'type': ['string', 'null'], 'examples': ['2026-12-02T10:15:30']}"),
        all.get("local"));
    assertEquals(
        json("{'anyOf': [{'$ref': '#/components/schemas/Color'}, {'type': 'null'}]}"),
        all.get("color"));
    assertEquals(
        json("{'type': ['array', 'null'], 'items': {'type': 'string'}," + " 'uniqueItems': true}"),
        all.get("tags"));
    assertEquals(
        json("{'type': ['array', 'null'], 'items': {'type': 'integer'," + " 'format': 'int32'}}"),
        all.get("numbers"));
    assertEquals(
        json(
            "{'type': ['object', 'null'], 'additionalProperties': {'type': 'integer',"
                + " 'format': 'int64'}}"),
        all.get("counts"));
    assertEquals(json("{'type': ['string', 'null']}"), all.get("note"));
    assertEquals(json("{'type': ['string', 'null'], 'contentEncoding': 'base64'}"), all.get("raw"));
    assertEquals(
        json("{'type': ['array', 'null'], 'items': {'type': 'integer'," + " 'format': 'int32'}}"),
        all.get("grid"));
    assertEquals(json("{}"), all.get("anything"));
    assertEquals(json("{}"), all.get("jdkClass"));
    assertEquals(
        json("{'anyOf': [{'$ref': '#/components/schemas/Page_Color'}," + " {'type': 'null'}]}"),
        all.get("page"));
    assertEquals(
        json("['flag', 'b', 's', 'i', 'l', 'f', 'd', 'c']"),
        document.at("/components/schemas/All/required"));
    assertEquals(
        json("{'type': 'string', 'enum': ['RED', 'GREEN']}"),
        document.at("/components/schemas/Color"));
    assertEquals(
        json("{'type': ['array', 'null'], 'items': {'$ref': '#/components/schemas/Color'}}"),
        document.at("/components/schemas/Page_Color/properties/items"));
    assertEquals(
        json("{'type': ['array', 'null'], 'items': {'$ref': '#/components/schemas/Node'}}"),
        document.at("/components/schemas/Node/properties/children"));
    assertEquals(
        json(
            "{'type': 'string', 'contentMediaType': 'application/json',"
                + " 'contentSchema': {'$ref': '#/components/schemas/All'}}"),
        document.at("/paths/~1all" + ITEM + "/properties/data"));
  }

  @Test
  void jsonPropertyAndJsonIgnore_areHonouredByName() {
    // Not strictly: -Xlint:processing warns of Jackson's annotations, which no processor claims.
    JsonNode schemas =
        fragment(
                compile(
                    source(
                        "Annotated",
                        "import com.fasterxml.jackson.annotation.JsonIgnore;",
                        "import com.fasterxml.jackson.annotation.JsonIgnoreProperties;",
                        "import com.fasterxml.jackson.annotation.JsonInclude;",
                        "import com.fasterxml.jackson.annotation.JsonProperty;",
                        "import com.fasterxml.jackson.annotation.JsonValue;",
                        "",
                        "public class Annotated {",
                        "  public enum Level { LOW, @JsonProperty(\"hi\") HIGH }",
                        "",
                        "  public record Money(long cents) {",
                        "    @JsonValue",
                        "    public String text() {",
                        "      return cents + \"c\";",
                        "    }",
                        "  }",
                        "",
                        "  @JsonIgnoreProperties({\"hidden\"})",
                        "  public record Account(",
                        "      @JsonProperty(\"user_name\") String name,",
                        "      @JsonIgnore String password,",
                        "      @JsonIgnore(false) String kept,",
                        "      String hidden,",
                        "      @JsonInclude(JsonInclude.Include.NON_NULL) String optional,",
                        "      Level level,",
                        "      Money balance) {}",
                        "",
                        "  @SseEndpoint(\"/accounts\")",
                        "  public Stream<Account> accounts() {",
                        "    return null;",
                        "  }",
                        "}")),
                "test.Annotated")
            .at("/components/schemas");
    assertEquals(
        List.of("user_name", "kept", "optional", "level", "balance"),
        names(schemas.at("/Account/properties")));
    assertEquals(json("{'type': 'string'}"), schemas.at("/Account/properties/optional"));
    assertEquals(json("{'type': 'string', 'enum': ['LOW', 'hi']}"), schemas.at("/Level"));
    assertEquals(json("{'type': ['string', 'null']}"), schemas.at("/Account/properties/balance"));
    assertFalse(schemas.has("Money"));
  }

  @Test
  void beans_areReadByTheirGettersAsJacksonNamesThem() {
    JsonNode schemas =
        fragment(
                compile(
                    source(
                        "Beans",
                        "import com.fasterxml.jackson.annotation.JsonIgnore;",
                        "import com.fasterxml.jackson.annotation.JsonProperty;",
                        "",
                        "public class Beans {",
                        "  public interface Named {",
                        "    String getName();",
                        "  }",
                        "",
                        "  public static class Base {",
                        "    public int getId() {",
                        "      return 1;",
                        "    }",
                        "  }",
                        "",
                        "  public static class Station extends Base implements Named {",
                        "    public String publicField;",
                        "    public static String constant;",
                        "    public transient String notWritten;",
                        "    @JsonProperty private String annotatedField;",
                        "    @JsonIgnore private String password;",
                        "    @JsonProperty(\"zone\") private String region;",
                        "",
                        "    @Override",
                        "    public String getName() {",
                        "      return null;",
                        "    }",
                        "",
                        "    public String getURL() {",
                        "      return null;",
                        "    }",
                        "",
                        "    public boolean isActive() {",
                        "      return true;",
                        "    }",
                        "",
                        "    public Boolean isBoxed() {",
                        "      return true;",
                        "    }",
                        "",
                        "    public String isNotABoolean() {",
                        "      return null;",
                        "    }",
                        "",
                        "    public String getPassword() {",
                        "      return null;",
                        "    }",
                        "",
                        "    public String getRegion() {",
                        "      return null;",
                        "    }",
                        "",
                        "    public String getWithParameter(int i) {",
                        "      return null;",
                        "    }",
                        "",
                        "    public static String getStatic() {",
                        "      return null;",
                        "    }",
                        "",
                        "    String getPackagePrivate() {",
                        "      return null;",
                        "    }",
                        "  }",
                        "",
                        "  @SseEndpoint(\"/stations\")",
                        "  public Stream<Station> stations() {",
                        "    return null;",
                        "  }",
                        "}")),
                "test.Beans")
            .at("/components/schemas");
    assertEquals(
        List.of("publicField", "annotatedField", "zone", "name", "url", "active", "boxed", "id"),
        names(schemas.at("/Station/properties")));
    assertEquals(json("['active', 'id']"), schemas.at("/Station/required"));
  }

  @Test
  void sealedTypes_withoutNames_areAnyOfTheirSubtypes() {
    JsonNode document =
        fragment(
            compileStrictly(
                source(
                    "Shapes",
                    "public class Shapes {",
                    "  public sealed interface Shape permits Circle, Square {}",
                    "",
                    "  public record Circle(double radius) implements Shape {}",
                    "",
                    "  public record Square(double side) implements Shape {}",
                    "",
                    "  @SseEndpoint(\"/shapes\")",
                    "  public Stream<Shape> shapes() {",
                    "    return null;",
                    "  }",
                    "}")),
            "test.Shapes");
    assertEquals(
        json(
            "{'anyOf': [{'$ref': '#/components/schemas/Circle'},"
                + " {'$ref': '#/components/schemas/Square'}]}"),
        document.at("/components/schemas/Shape"));
    assertTrue(document.at("/paths/~1shapes" + ITEM + "/oneOf").isMissingNode());
    assertEquals(json("['data']"), document.at("/paths/~1shapes" + ITEM + "/required"));
  }

  @Test
  void namedEvents_areConstsAndSealedOnesABranchPerName() {
    JsonNode document =
        fragment(
            compileStrictly(
                source(
                    "Chat",
                    "import dev.sluice.annotation.SseEventName;",
                    "",
                    "public class Chat {",
                    "  public sealed interface ChatEvent permits Joined, Said, Presence {}",
                    "",
                    "  @SseEventName(\"joined\")",
                    "  public record Joined(String user) implements ChatEvent {}",
                    "",
                    "  @SseEventName(\"said\")",
                    "  public record Said(String text) implements ChatEvent {}",
                    "",
                    "  @SseEventName(\"presence\")",
                    "  public sealed interface Presence extends ChatEvent permits Away, Back {}",
                    "",
                    "  public record Away(String user) implements Presence {}",
                    "",
                    "  public record Back(String user) implements Presence {}",
                    "",
                    "  @SseEventName(\"tick\") public record Tick(long n) {}",
                    "",
                    "  @SseEndpoint(\"/chat\")",
                    "  public Stream<ChatEvent> chat() {",
                    "    return null;",
                    "  }",
                    "",
                    "  @SseEndpoint(\"/chat-events\")",
                    "  public Stream<SseEvent<ChatEvent>> chatEvents() {",
                    "    return null;",
                    "  }",
                    "",
                    "  @SseEndpoint(\"/ticks\")",
                    "  public Stream<Tick> ticks() {",
                    "    return null;",
                    "  }",
                    "}")),
            "test.Chat");
    JsonNode chat = document.at("/paths/~1chat" + ITEM);
    assertEquals(json("['data', 'event']"), chat.get("required"));
    assertEquals(
        json("{'type': 'string', 'contentMediaType': 'application/json'}"),
        chat.at("/properties/data"));
    assertEquals(
        json(
            "[{'properties': {'event': {'const': 'joined'},"
                + " 'data': {'contentSchema': {'$ref': '#/components/schemas/Joined'}}}},"
                + " {'properties': {'event': {'const': 'said'},"
                + " 'data': {'contentSchema': {'$ref': '#/components/schemas/Said'}}}},"
                + " {'properties': {'event': {'const': 'presence'},"
                + " 'data': {'contentSchema': {'anyOf': [{'$ref': '#/components/schemas/Away'},"
                + " {'$ref': '#/components/schemas/Back'}]}}}}]"),
        chat.get("oneOf"));
    // An SseEvent may name itself: one more branch takes the other names.
    JsonNode events = document.at("/paths/~1chat-events" + ITEM + "/oneOf");
    assertEquals(4, events.size());
    assertEquals(
        json("{'not': {'enum': ['joined', 'said', 'presence']}}"),
        events.at("/3/properties/event"));
    JsonNode ticks = document.at("/paths/~1ticks" + ITEM);
    assertEquals(json("{'const': 'tick'}"), ticks.at("/properties/event"));
    assertEquals(json("['data', 'event']"), ticks.get("required"));
    assertEquals(
        json("{'$ref': '#/components/schemas/Tick'}"), ticks.at("/properties/data/contentSchema"));
  }

  @Test
  void parameters_describeWhereTheyComeFromAndWhetherRequired() {
    JsonNode document =
        fragment(
            compileStrictly(
                source(
                    "Params",
                    "import java.util.Set;",
                    "",
                    "public class Params {",
                    "  public enum Color { RED, GREEN }",
                    "",
                    "  @SseEndpoint(\"/rooms/{room}\")",
                    "  public Stream<String> room(",
                    "      @PathParam(\"room\") String room,",
                    "      @QueryParam(\"tag\") List<String> tags,",
                    "      @HeaderParam(\"X-Color\") Set<Color> colors,",
                    "      @QueryParam(\"n\") int n,",
                    "      @HeaderParam(\"X-Trace\") Optional<UUID> trace,",
                    "      @LastEventId Optional<String> lastId) {",
                    "    return null;",
                    "  }",
                    "",
                    "  @SseEndpoint(\"/plain/{name}\")",
                    "  public Stream<String> plain(",
                    "      @PathParam(\"name\") String name,",
                    "      @QueryParam(\"q\") Optional<String> q) {",
                    "    return null;",
                    "  }",
                    "}")),
            "test.Params");
    assertEquals(
        json(
            "["
                + "{'name': 'room', 'in': 'path', 'required': true, 'schema': {'type': 'string'}},"
                + "{'name': 'tag', 'in': 'query', 'required': false,"
                + " 'schema': {'type': 'array', 'items': {'type': 'string'}}},"
                + "{'name': 'X-Color', 'in': 'header', 'description': 'Every value, one per header"
                + " field.', 'required': false, 'schema': {'type': 'array',"
                + " 'items': {'type': 'string', 'enum': ['RED', 'GREEN']}}},"
                + "{'name': 'n', 'in': 'query', 'required': true,"
                + " 'schema': {'type': 'integer', 'format': 'int32'}},"
                + "{'name': 'X-Trace', 'in': 'header', 'required': false,"
                + " 'schema': {'type': 'string', 'format': 'uuid'}},"
                + "{'name': 'Last-Event-ID', 'in': 'header',"
                + " 'description': 'The id of the last event the client received;"
                + " EventSource sends it when it reconnects.', 'required': false,"
                + " 'schema': {'type': 'string'}},"
                + "{'name': 'lastEventId', 'in': 'query',"
                + " 'description': 'The same, for clients that"
                + " cannot send headers; the header wins.', 'required': false,"
                + " 'schema': {'type': 'string'}}]"),
        document.at("/paths/~1rooms~1{room}/get/parameters"));
    assertEquals(
        List.of("200", "400", "406", "429", "500", "503", "default"),
        names(document.at("/paths/~1rooms~1{room}/get/responses")));
    // Strings that are there whenever the path matches, or may be absent, are never a 400.
    assertEquals(
        List.of("200", "406", "429", "500", "503", "default"),
        names(document.at("/paths/~1plain~1{name}/get/responses")));
  }

  @Test
  void typesOfTheSameSimpleName_getLongerNames() {
    JsonNode schemas =
        fragment(
                compileStrictly(
                    source(
                        "Maps",
                        "public class Maps {",
                        "  public static class North {",
                        "    public record Point(int x, int y) {}",
                        "  }",
                        "",
                        "  public static class South {",
                        "    public record Point(String name) {}",
                        "  }",
                        "",
                        "  public record Both(North.Point north, South.Point south) {}",
                        "",
                        "  @SseEndpoint(\"/both\")",
                        "  public Stream<Both> both() {",
                        "    return null;",
                        "  }",
                        "}")),
                "test.Maps")
            .at("/components/schemas");
    assertEquals(List.of("Both", "Maps.South.Point", "Point"), names(schemas));
    assertTrue(schemas.at("/Point/properties").has("x"));
    assertTrue(schemas.at("/Maps.South.Point/properties").has("name"));
  }

  private static JsonNode fragment(Compilation compilation, String binaryName) {
    assertThat(compilation).succeededWithoutWarnings();
    try {
      return JSON.readTree(text(compilation, binaryName));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(Compilation compilation, String binaryName) {
    JavaFileObject file =
        compilation
            .generatedFile(
                StandardLocation.CLASS_OUTPUT, "META-INF/sluice/openapi/" + binaryName + ".json")
            .orElseThrow(() -> new AssertionError("no document for " + binaryName));
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** JSON written with single quotes, for readable expectations. */
  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String golden(String name) {
    try (InputStream in =
        OpenApiFragmentTest.class.getResourceAsStream("/goldens/OpenApiFragmentTest/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
