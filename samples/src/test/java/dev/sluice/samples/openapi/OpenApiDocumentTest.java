package dev.sluice.samples.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.SseServer;
import dev.sluice.samples.ChatRooms;
import dev.sluice.samples.ChatSessions;
import dev.sluice.samples.ChatSessions.ChatUser;
import dev.sluice.samples.DemoEndpoints;
import dev.sluice.samples.named.NamedEventEndpoints;
import dev.sluice.samples.openapi.north.North;
import dev.sluice.samples.openapi.south.South;
import dev.sluice.test.SluiceExtension;
import io.undertow.Handlers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OpenAPI documents: served by {@code openApi(path)} over a real socket (and not without it),
 * equal to the goldens for the samples' endpoints, and valid OpenAPI 3.2 by the official schema, as
 * is every document the processor wrote for the samples and their tests.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpenApiDocumentTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ScheduledExecutorService SCHEDULER =
      Executors.newSingleThreadScheduledExecutor();

  /** A server for the test's endpoints, each test's own: started by the tests that serve. */
  @RegisterExtension final SluiceExtension sluice = SluiceExtension.serving();

  /** North's endpoints, mounted under /sse in a plain Undertow server. */
  @RegisterExtension
  final SluiceExtension mounted =
      SluiceExtension.mounting(new North())
          .handler(handler -> handler.openApi("/openapi.json"))
          .routes(sse -> Handlers.path().addPrefixPath("/sse", sse));

  @AfterAll
  static void stopScheduler() {
    SCHEDULER.shutdownNow();
  }

  @Test
  void demoEndpoints_serveTheGoldenDocument() throws Exception {
    ChatSessions sessions = new ChatSessions();
    String served =
        serve(
            b ->
                b.register(new DemoEndpoints(SCHEDULER))
                    .authenticator(ChatUser.class, sessions.authenticator())
                    .register(new ChatRooms(sessions)));
    assertEquals(resource("/openapi/demo.json"), served);
  }

  @Test
  void namedAndSealedEvents_serveTheGoldenDocument() throws Exception {
    assertEquals(
        resource("/openapi/named.json"), serve(b -> b.register(new NamedEventEndpoints())));
  }

  @Test
  void goldenDocuments_areValidOpenApi32() throws IOException {
    for (String golden : List.of("/openapi/demo.json", "/openapi/named.json")) {
      List<String> problems = OpenApi32.problems(JSON.readTree(resource(golden)));
      assertEquals(List.of(), problems, golden);
    }
  }

  @Test
  void everyDocumentTheProcessorWrote_isValidOpenApi32() throws Exception {
    List<Path> documents = generatedDocuments();
    assertTrue(documents.size() >= 10, "documents found: " + documents);
    for (Path document : documents) {
      assertEquals(
          List.of(), OpenApi32.problems(JSON.readTree(document.toFile())), document.toString());
    }
  }

  /** The validator is not a rubber stamp: a document the processor could never write fails. */
  @Test
  void aBrokenDocument_isNotValid() throws IOException {
    JsonNode document = JSON.readTree(resource("/openapi/demo.json"));
    ((ObjectNode) document.at("/paths/~1ticks/get/parameters/0")).put("in", "body");
    List<String> problems = OpenApi32.problems(document);
    assertTrue(
        problems.stream().anyMatch(p -> p.contains("/paths/~1ticks/get/parameters/0")),
        problems.toString());
    ((ObjectNode) document.at("/components/schemas/Quote")).put("type", "record");
    problems = OpenApi32.problems(document);
    assertTrue(
        problems.stream().anyMatch(p -> p.startsWith("/components/schemas/Quote")),
        problems.toString());
  }

  @Test
  void everyKindOfDataType_isValidAndServed() throws Exception {
    JsonNode document = JSON.readTree(serve(b -> b.register(new DataTypes())));
    assertEquals(List.of(), OpenApi32.problems(document));
    assertEquals(7, document.get("paths").size());
  }

  @Test
  void componentsOfTheSameNameAndAnotherShape_areRenamedWithTheirReferences() throws Exception {
    JsonNode document = JSON.readTree(serve(b -> b.register(new North()).register(new South())));
    assertEquals(
        "#/components/schemas/Point",
        document
            .at(
                "/paths/~1north/get/responses/200/content/text~1event-stream/itemSchema"
                    + "/properties/data/contentSchema/$ref")
            .asText());
    assertEquals(
        "#/components/schemas/Point_2",
        document
            .at(
                "/paths/~1south/get/responses/200/content/text~1event-stream/itemSchema"
                    + "/properties/data/contentSchema/$ref")
            .asText());
    assertTrue(document.at("/components/schemas/Point/properties").has("x"));
    assertTrue(document.at("/components/schemas/Point_2/properties").has("latitude"));
    // The shared responses are the same in both classes' documents, and kept once.
    assertTrue(document.at("/components/responses").has("NotAcceptable"));
    assertFalse(document.at("/components/responses").has("NotAcceptable_2"));
    assertEquals(List.of(), OpenApi32.problems(document));
  }

  @Test
  void withoutOpenApi_thePathIsNotServed() throws Exception {
    sluice.server(server -> server.register(new North()));

    HttpResponse<String> response = get(sluice.port(), "/openapi.json", "GET");
    assertEquals(404, response.statusCode());
  }

  @Test
  void otherMethods_get405() throws Exception {
    sluice.server(server -> server.register(new North()).openApi("/openapi.json"));

    HttpResponse<String> response = get(sluice.port(), "/openapi.json", "POST");
    assertEquals(405, response.statusCode());
    assertEquals("GET", response.headers().firstValue("Allow").orElse(null));
  }

  @Test
  void mountedUnderAPrefix_theDocumentNamesThePrefixAsItsServer() throws Exception {
    HttpResponse<String> response = get(mounted.port(), "/sse/openapi.json", "GET");
    assertEquals(200, response.statusCode(), response.body());
    JsonNode document = JSON.readTree(response.body());
    assertEquals("/sse", document.at("/servers/0/url").asText());
    assertEquals(List.of("openapi", "info", "servers", "paths", "components"), names(document));
    assertTrue(document.get("paths").has("/north"));
    assertEquals(List.of(), OpenApi32.problems(document));
  }

  @Test
  void atTheRoot_theDocumentHasNoServer() throws Exception {
    JsonNode document = JSON.readTree(serve(b -> b.register(new North())));
    assertFalse(document.has("servers"));
  }

  /** The document the test's server, with these endpoints, serves at /openapi.json. */
  private String serve(UnaryOperator<SseServer.Builder> endpoints) throws Exception {
    sluice.server(server -> endpoints.apply(server.openApi("/openapi.json")));
    HttpResponse<String> response = get(sluice.port(), "/openapi.json", "GET");
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
    return response.body();
  }

  private static HttpResponse<String> get(int port, String path, String method)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(10))
            .build();
    // A client of its own: a pooled connection to a stopped server whose port came back to a new
    // one would outlive it.
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** The documents in the class output directories, those of the samples and of their tests. */
  private static List<Path> generatedDocuments() throws IOException, URISyntaxException {
    List<Path> documents = new ArrayList<>();
    for (URL directory :
        Collections.list(
            OpenApiDocumentTest.class.getClassLoader().getResources("META-INF/sluice/openapi"))) {
      try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
        files.sorted().forEach(documents::add);
      }
    }
    return documents;
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String resource(String name) {
    try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("No resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
