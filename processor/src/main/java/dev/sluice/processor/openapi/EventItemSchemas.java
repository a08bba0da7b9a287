package dev.sluice.processor.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code itemSchema} of an event stream: each event as OpenAPI 3.2 models {@code
 * text/event-stream} after WHATWG parsing, an object with {@code data} (always there: an event
 * without data is never dispatched), {@code event}, {@code id} and {@code retry} (an integer). JSON
 * data is a string with {@code contentMediaType: application/json} and the {@code contentSchema} of
 * its Java type. The name {@code @SseEventName} gives bare elements is a {@code const}; a sealed
 * element type with named subtypes, or {@code SseEvent}s of a named type, get a {@code oneOf}
 * branch per name, keyed on {@code event: {const: name}}.
 *
 * <p>Not described: the server's shutdown event, which is the application's own.
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
    List<StreamEndpoint.Branch> named = named(endpoint);
    // One name on bare elements is the name of every event; otherwise a branch per name.
    boolean oneName = endpoint.eventName() != null && !endpoint.eventObjects();
    JsonObject data = TypeSchemas.type("string");
    if (endpoint.payload() != null) {
      data.put("contentMediaType", JSON);
      if (named.isEmpty() || oneName) {
        data.put("contentSchema", schemas.of(endpoint.payload()));
      }
    }
    properties.put("data", data);
    properties.put(
        "event",
        oneName ? JsonObject.of("const", endpoint.eventName()) : TypeSchemas.type("string"));
    properties.put("id", TypeSchemas.type("string"));
    properties.put("retry", TypeSchemas.type("integer").put("minimum", 0));
    if (!named.isEmpty()) {
      required.add("event");
      if (!oneName) {
        item.put("oneOf", branches(named, endpoint.eventObjects()));
      }
    }
    return item;
  }

  /** Every name the events can have from their data's type, with the type it names. */
  private static List<StreamEndpoint.Branch> named(StreamEndpoint endpoint) {
    if (!endpoint.branches().isEmpty()) {
      return endpoint.branches();
    }
    return endpoint.eventName() == null
        ? List.of()
        : List.of(new StreamEndpoint.Branch(endpoint.eventName(), endpoint.payload()));
  }

  /**
   * One branch per event name, in the order of the subtypes: subtypes named after the same sealed
   * supertype share its name, and their data is any of them. {@code SseEvent}s may carry a name of
   * their own ({@code .event(..)}, or a broadcaster's {@code sluice-history-lost}): one more branch
   * takes any other name.
   */
  private List<Object> branches(List<StreamEndpoint.Branch> subtypes, boolean eventObjects) {
    Map<String, List<Object>> byName = new LinkedHashMap<>();
    for (StreamEndpoint.Branch subtype : subtypes) {
      byName
          .computeIfAbsent(subtype.eventName(), name -> new ArrayList<>())
          .add(schemas.of(subtype.type()));
    }
    List<Object> branches = new ArrayList<>();
    byName.forEach(
        (name, data) -> {
          JsonObject contentSchema =
              data.size() == 1 ? (JsonObject) data.get(0) : JsonObject.of("anyOf", data);
          branches.add(
              JsonObject.of(
                  "properties",
                  new JsonObject()
                      .put("event", JsonObject.of("const", name))
                      .put("data", JsonObject.of("contentSchema", contentSchema))));
        });
    if (eventObjects) {
      branches.add(
          new JsonObject()
              .put("description", "An event named otherwise: by the endpoint, or by Sluice")
              .put(
                  "properties",
                  JsonObject.of(
                      "event",
                      JsonObject.of(
                          "not", JsonObject.of("enum", new ArrayList<>(byName.keySet()))))));
    }
    return branches;
  }
}
