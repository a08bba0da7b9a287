package dev.sluice.samples.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Validates OpenAPI 3.2 documents with a real JSON Schema validator: the whole document against the
 * OpenAPI Initiative's schema for 3.2 (see {@code openapi/README.md}), and each Schema Object in it
 * against the JSON Schema draft 2020-12 meta-schema, which the Initiative's schema leaves
 * unchecked.
 */
final class OpenApi32 {
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Schema DOCUMENT = load("/openapi/oas-3.2-schema-2026-08-30.json");
  private static final Schema META_SCHEMA =
      REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

  private OpenApi32() {}

  /** What the validator finds wrong, one line each: empty for a valid document. */
  static List<String> problems(JsonNode document) {
    List<String> problems = new ArrayList<>();
    for (Error error : DOCUMENT.validate(document)) {
      problems.add(error.toString());
    }
    checkSchemas(document, "", problems);
    return problems;
  }

  /** Every Schema Object: the values of {@code schema}, {@code itemSchema}, and components. */
  private static void checkSchemas(JsonNode node, String path, List<String> problems) {
    for (Map.Entry<String, JsonNode> member : node.properties()) {
      String at = path + "/" + member.getKey();
      boolean schema =
          member.getKey().equals("schema")
              || member.getKey().equals("itemSchema")
              || path.equals("/components/schemas");
      if (schema) {
        for (Error error : META_SCHEMA.validate(member.getValue())) {
          problems.add(at + ": " + error);
        }
      } else if (member.getValue().isObject()) {
        checkSchemas(member.getValue(), at, problems);
      } else if (member.getValue().isArray()) {
        int i = 0;
        for (JsonNode item : member.getValue()) {
          checkSchemas(item, at + "/" + i++, problems);
        }
      }
    }
  }

  private static Schema load(String resource) {
    try (InputStream in = OpenApi32.class.getResourceAsStream(resource)) {
      return REGISTRY.getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
