package dev.sluice.processor.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code itemSchema} of an event stream: each event as OpenAPI 3.2 models
 * {@code text/event-stream} after WHATWG parsing, an object with {@code data} (always there: an
 * event without data is never dispatched), {@code event}, {@code id} and {@code retry} (an
 * integer). JSON data is a string with {@code contentMediaType: application/json} and the
 * {@code contentSchema} of its Java type. A known event name is a {@code const}; a sealed
 * element type with named subtypes gets one {@code oneOf} branch per name.
 */
final class EventItemSchemas {
  private static final String JSON = "application/json";

  private final TypeSchemas schemas;

  EventItemSchemas(TypeSchemas schemas) {
    this.schemas = schemas;
  }

  JsonObject of(StreamEndpoint endpoint) {
    List<Object> required = new ArrayList<>(List.of("data"));
    JsonObject item = TypeSchemas.type("object").put("required", required);
    JsonObject properties = item.object("properties");
    JsonObject event = TypeSchemas.type("string");
    if (endpoint.payload() == null) {
      properties.put("data", TypeSchemas.type("string"));
    } else if (endpoint.branches().isEmpty()) {
      properties.put("data", TypeSchemas.type("string").put("contentMediaType", JSON)
          .put("contentSchema", schemas.of(endpoint.payload())));
    } else {
      properties.put("data", TypeSchemas.type("string").put("contentMediaType", JSON));
    }
    if (endpoint.eventName() != null) {
      event = JsonObject.of("const", endpoint.eventName());
    }
    if (endpoint.eventName() != null || !endpoint.branches().isEmpty()) {
      required.add("event");
    }
    properties.put("event", event);
    properties.put("id", TypeSchemas.type("string"));
    properties.put("retry", TypeSchemas.type("integer").put("minimum", 0));
    if (!endpoint.branches().isEmpty()) {
      item.put("oneOf", branches(endpoint.branches()));
    }
    return item;
  }

  /**
   * One branch per event name, in the order of the subtypes: subtypes named after the same
   * sealed supertype share its name, and their data is any of them.
   */
  private List<Object> branches(List<StreamEndpoint.Branch> subtypes) {
    Map<String, List<Object>> byName = new LinkedHashMap<>();
    for (StreamEndpoint.Branch subtype : subtypes) {
      byName.computeIfAbsent(subtype.eventName(), name -> new ArrayList<>())
          .add(schemas.of(subtype.type()));
    }
    List<Object> branches = new ArrayList<>();
    byName.forEach((name, data) -> {
      JsonObject contentSchema = data.size() == 1
          ? (JsonObject) data.get(0)
          : JsonObject.of("anyOf", data);
      branches.add(JsonObject.of("properties", new JsonObject()
          .put("event", JsonObject.of("const", name))
          .put("data", JsonObject.of("contentSchema", contentSchema))));
    });
    return branches;
  }
}
