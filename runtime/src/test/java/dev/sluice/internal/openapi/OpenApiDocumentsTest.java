package dev.sluice.internal.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Merging the documents of endpoint classes, here written by hand in test resources ({@code
 * META-INF/sluice/openapi/dev.sluice.internal.openapi.OpenApiDocumentsTest$First.json} and {@code
 * $Second}): each defines {@code Point} differently and {@code Line} alike.
 */
class OpenApiDocumentsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Endpoint classes, as far as the merge cares: their names find their documents. */
  static final class First {}

  static final class Second {}

  @Test
  void differentComponentsOfOneName_areRenamedWithEveryReferenceToThem() throws IOException {
    JsonNode merged = JSON.readTree(OpenApiDocuments.merge(List.of(First.class, Second.class)));
    JsonNode schemas = merged.at("/components/schemas");
    assertEquals(List.of("Line", "Line_2", "Point", "Point_2"), names(schemas));
    assertEquals("#/components/schemas/Point", schemas.at("/Line/properties/from/$ref").asText());
    // Second's Line is renamed too: alike as written, it refers to another Point.
    assertEquals(
        "#/components/schemas/Point_2", schemas.at("/Line_2/properties/from/$ref").asText());
    assertTrue(schemas.at("/Point_2/properties").has("name"));
  }

  @Test
  void sameComponents_areKeptOnce_andOperationIdsMadeUnique() throws IOException {
    JsonNode merged = JSON.readTree(OpenApiDocuments.merge(List.of(First.class, Second.class)));
    assertEquals(List.of("Stream"), names(merged.at("/components/responses")));
    assertEquals(List.of("/first", "/second"), names(merged.get("paths")));
    assertEquals("Feeds.events", merged.at("/paths/~1first/get/operationId").asText());
    assertEquals("Feeds.events_2", merged.at("/paths/~1second/get/operationId").asText());
    assertEquals("3.2.0", merged.get("openapi").asText());
  }

  @Test
  void theSameClassTwice_isMergedOnce() throws IOException {
    JsonNode merged = JSON.readTree(OpenApiDocuments.merge(List.of(First.class, First.class)));
    assertEquals(List.of("/first"), names(merged.get("paths")));
    assertEquals(List.of("Line", "Point"), names(merged.at("/components/schemas")));
  }

  @Test
  void aClassWithoutDocument_isAnErrorNamingIt() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> OpenApiDocuments.merge(List.of(OpenApiDocumentsTest.class)));
    assertEquals(
        "No OpenAPI description of dev.sluice.internal.openapi.OpenApiDocumentsTest"
            + " (META-INF/sluice/openapi/dev.sluice.internal.openapi.OpenApiDocumentsTest.json):"
            + " was it compiled by an older sluice-processor? A clean build writes it.",
        e.getMessage());
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
