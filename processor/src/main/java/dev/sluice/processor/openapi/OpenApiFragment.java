package dev.sluice.processor.openapi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The OpenAPI 3.2 document of one endpoint class: a path and a {@code get} operation per endpoint,
 * with its parameters, the responses Sluice gives it, and the schema of each event; the named
 * schemas and the shared responses in {@code components}. {@code SseServer} merges the documents of
 * the classes it serves into one.
 */
public final class OpenApiFragment {
  static final String VERSION = "3.2.0";
  private static final String RESPONSES = "#/components/responses/";
  private static final String TEXT = "text/plain; charset=UTF-8";

  private final SchemaComponents components = new SchemaComponents();
  private final TypeSchemas schemas;
  private final EventItemSchemas items;

  private OpenApiFragment(Types types) {
    this.schemas = new TypeSchemas(types, components);
    this.items = new EventItemSchemas(schemas);
  }

  /**
   * The document, deterministic: endpoints in the order given, components sorted by name.
   *
   * @param title the class, as its document's title
   */
  public static JsonObject build(String title, List<StreamEndpoint> endpoints, Types types) {
    return new OpenApiFragment(types).document(title, endpoints);
  }

  private JsonObject document(String title, List<StreamEndpoint> endpoints) {
    JsonObject paths = new JsonObject();
    Set<String> operationIds = new HashSet<>();
    boolean anyBadRequest = false;
    boolean anyPrincipalRequired = false;
    for (StreamEndpoint endpoint : endpoints) {
      String operationId = unique(endpoint.operationId(), operationIds);
      boolean badRequest = canBeBadRequest(endpoint);
      anyBadRequest |= badRequest;
      anyPrincipalRequired |= endpoint.principalRequired();
      paths.object(endpoint.path()).put("get", operation(endpoint, operationId, badRequest));
    }
    JsonObject document =
        new JsonObject()
            .put("openapi", VERSION)
            .put("info", new JsonObject().put("title", title).put("version", "unversioned"))
            .put("paths", paths);
    JsonObject componentsJson = document.object("components");
    if (!components.isEmpty()) {
      componentsJson.put("schemas", components.toJson());
    }
    componentsJson.put("responses", sharedResponses(anyBadRequest, anyPrincipalRequired));
    return document;
  }

  private static String unique(String operationId, Set<String> taken) {
    String id = operationId;
    for (int n = 2; !taken.add(id); n++) {
      id = operationId + "_" + n;
    }
    return id;
  }

  private JsonObject operation(StreamEndpoint endpoint, String operationId, boolean badRequest) {
    JsonObject operation = new JsonObject().put("tags", List.of(endpoint.tag()));
    DocComments.Text doc = DocComments.of(endpoint.javadoc());
    operation.putIfNotNull("summary", doc.summary());
    operation.putIfNotNull("description", doc.description());
    operation.put("operationId", operationId);
    List<Object> parameters = parameters(endpoint);
    if (!parameters.isEmpty()) {
      operation.put("parameters", parameters);
    }
    JsonObject responses = operation.object("responses");
    responses.put(
        "200",
        new JsonObject()
            .put(
                "description",
                "The event stream, open until the endpoint ends it or the client"
                    + " leaves; comment lines keep it alive while it is idle.")
            .put(
                "content",
                JsonObject.of(
                    "text/event-stream", JsonObject.of("itemSchema", items.of(endpoint)))));
    if (badRequest) {
      responses.put("400", ref("BadRequest"));
    }
    if (endpoint.principalRequired()) {
      responses.put("401", ref("Unauthenticated"));
    }
    responses.put("406", ref("NotAcceptable"));
    responses.put("429", ref("TooManyRequests"));
    responses.put("500", ref("InternalServerError"));
    responses.put("503", ref("ServiceUnavailable"));
    responses.put("default", ref("EndpointStatus"));
    return operation;
  }

  /**
   * Whether Sluice itself may answer 400: a required parameter can be missing, and any value but a
   * string can fail to convert.
   */
  private static boolean canBeBadRequest(StreamEndpoint endpoint) {
    for (StreamEndpoint.Parameter parameter : endpoint.parameters()) {
      boolean text = parameter.valueType().toString().equals("java.lang.String");
      boolean canBeMissing =
          parameter.required() && parameter.location() != StreamEndpoint.Location.PATH;
      if (!text || canBeMissing) {
        return true;
      }
    }
    return false;
  }

  private List<Object> parameters(StreamEndpoint endpoint) {
    List<Object> parameters = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (StreamEndpoint.Parameter parameter : endpoint.parameters()) {
      seen.add(key(parameter.location(), parameter.name()));
      JsonObject schema = parameterSchema(parameter.valueType());
      JsonObject json =
          new JsonObject().put("name", parameter.name()).put("in", parameter.location().in());
      if (parameter.multiValued() && parameter.location() == StreamEndpoint.Location.HEADER) {
        json.put("description", "Every value, one per header field.");
      }
      json.put("required", parameter.required())
          .put(
              "schema",
              parameter.multiValued() ? TypeSchemas.type("array").put("items", schema) : schema);
      parameters.add(json);
    }
    if (endpoint.lastEventId()) {
      // The header a reconnecting EventSource sends, and the query parameter polyfills use.
      if (seen.add(key(StreamEndpoint.Location.HEADER, "Last-Event-ID"))) {
        parameters.add(
            new JsonObject()
                .put("name", "Last-Event-ID")
                .put("in", "header")
                .put(
                    "description",
                    "The id of the last event the client received; EventSource"
                        + " sends it when it reconnects.")
                .put("required", false)
                .put("schema", TypeSchemas.type("string")));
      }
      if (seen.add(key(StreamEndpoint.Location.QUERY, "lastEventId"))) {
        parameters.add(
            new JsonObject()
                .put("name", "lastEventId")
                .put("in", "query")
                .put(
                    "description",
                    "The same, for clients that cannot send headers; the header" + " wins.")
                .put("required", false)
                .put("schema", TypeSchemas.type("string")));
      }
    }
    return parameters;
  }

  /** Header names are case-insensitive; query and path names are not. */
  private static String key(StreamEndpoint.Location location, String name) {
    return location
        + ":"
        + (location == StreamEndpoint.Location.HEADER ? name.toLowerCase(Locale.ROOT) : name);
  }

  /** Parameters are converted by {@code Params}, not Jackson: enums by their constants' names. */
  private JsonObject parameterSchema(TypeMirror type) {
    if (type instanceof DeclaredType declared
        && declared.asElement().getKind() == ElementKind.ENUM) {
      List<Object> constants = new ArrayList<>();
      for (Element member : declared.asElement().getEnclosedElements()) {
        if (member.getKind() == ElementKind.ENUM_CONSTANT) {
          constants.add(member.getSimpleName().toString());
        }
      }
      return TypeSchemas.type("string").put("enum", constants);
    }
    return schemas.of(type);
  }

  private static JsonObject ref(String response) {
    return JsonObject.of("$ref", RESPONSES + response);
  }

  /**
   * The answers the runtime gives instead of an event stream (its Refusals), and the endpoint's
   * own.
   */
  private static JsonObject sharedResponses(boolean badRequest, boolean principalRequired) {
    JsonObject responses = new JsonObject();
    if (badRequest) {
      responses.put(
          "BadRequest",
          text("A parameter is missing or cannot be converted; the body" + " names it."));
    }
    responses.put(
        "EndpointStatus",
        text(
            "A status the endpoint chose by throwing"
                + " SseStatusException, with its message; 204 No Content tells EventSource to stop"
                + " reconnecting."));
    responses.put("InternalServerError", text("The endpoint failed before its first event."));
    responses.put(
        "NotAcceptable", text("The request's Accept header rules out" + " text/event-stream."));
    responses.put(
        "ServiceUnavailable",
        retryAfter(
            text(
                "The server or the endpoint has its"
                    + " most streams open, no stream thread is free, or the server is shutting"
                    + " down.")));
    responses.put(
        "TooManyRequests",
        retryAfter(
            text(
                "Too many streams from the client's"
                    + " address, or on its HTTP/2 connection, or the connection reset too many"
                    + " streams.")));
    if (principalRequired) {
      responses.put(
          "Unauthenticated",
          text("The server's authenticator found no principal for"
                  + " the request, which the endpoint needs.")
              .put(
                  "headers",
                  JsonObject.of(
                      "WWW-Authenticate",
                      new JsonObject()
                          .put(
                              "description",
                              "The challenge the authenticator was registered with"
                                  + " (Bearer unless it says otherwise).")
                          .put("schema", TypeSchemas.type("string")))));
    }
    return responses;
  }

  private static JsonObject text(String description) {
    return new JsonObject()
        .put("description", description)
        .put("content", JsonObject.of(TEXT, JsonObject.of("schema", TypeSchemas.type("string"))));
  }

  private static JsonObject retryAfter(JsonObject response) {
    return response.put(
        "headers",
        JsonObject.of(
            "Retry-After",
            new JsonObject()
                .put("description", "Seconds to wait before trying again.")
                .put("schema", TypeSchemas.type("integer").put("minimum", 0))));
  }
}
