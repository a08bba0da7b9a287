package dev.sluice.internal.openapi;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges the OpenAPI documents the processor wrote for endpoint classes (one resource each, {@code
 * META-INF/sluice/openapi/<binary name>.json}) into the document of a server: every path, in the
 * order given, and every component, sorted by name. A component that two classes define alike is
 * kept once; one they define differently (two types {@code Point} of two packages) is renamed,
 * {@code Point_2}, with the references to it; a repeated {@code operationId} gets the same suffix.
 */
public final class OpenApiDocuments {
  static final String DIRECTORY = "META-INF/sluice/openapi/";
  private static final String COMPONENTS = "#/components/";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private OpenApiDocuments() {}

  /** The resource the processor wrote for {@code endpointType}. */
  static String resourceName(Class<?> endpointType) {
    return DIRECTORY + endpointType.getName() + ".json";
  }

  /**
   * The merged document of the endpoint classes, as UTF-8 JSON text.
   *
   * @throws IllegalStateException if a class has no document, which a processor older than the
   *     runtime did not write
   */
  public static byte[] merge(List<Class<?>> endpointTypes) {
    ObjectNode merged = MAPPER.createObjectNode();
    merged.put("openapi", "3.2.0");
    merged.putObject("info").put("title", "Event streams").put("version", "unversioned");
    ObjectNode paths = merged.putObject("paths");
    Map<String, Map<String, JsonNode>> components = new TreeMap<>();
    Set<String> operationIds = new HashSet<>();
    for (Class<?> type : new LinkedHashSet<>(endpointTypes)) {
      ObjectNode fragment = read(type);
      rename(fragment, components);
      fragment
          .path("paths")
          .properties()
          .forEach(
              path -> {
                if (paths.has(path.getKey())) {
                  throw new IllegalStateException("Two OpenAPI descriptions of " + path.getKey());
                }
                uniqueOperationIds(path.getValue(), operationIds);
                paths.set(path.getKey(), path.getValue());
              });
      fragment
          .path("components")
          .properties()
          .forEach(
              kind ->
                  kind.getValue()
                      .properties()
                      .forEach(
                          component ->
                              components
                                  .computeIfAbsent(kind.getKey(), k -> new TreeMap<>())
                                  .putIfAbsent(component.getKey(), component.getValue())));
    }
    if (!components.isEmpty()) {
      ObjectNode json = merged.putObject("components");
      components.forEach((kind, named) -> named.forEach(json.putObject(kind)::set));
    }
    return write(merged);
  }

  /**
   * The document with one server, {@code url}, before its paths: where routes mounted under a
   * prefix are served, since their paths are the templates below it.
   */
  static byte[] withServer(byte[] document, String url) {
    try {
      ObjectNode original = (ObjectNode) MAPPER.readTree(document);
      ObjectNode withServer = MAPPER.createObjectNode();
      original
          .properties()
          .forEach(
              member -> {
                if (member.getKey().equals("paths")) {
                  withServer.putArray("servers").addObject().put("url", url);
                }
                withServer.set(member.getKey(), member.getValue());
              });
      return write(withServer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode read(Class<?> type) {
    String name = resourceName(type);
    URL resource = type.getClassLoader() == null ? null : type.getClassLoader().getResource(name);
    if (resource == null) {
      throw new IllegalStateException(
          "No OpenAPI description of "
              + type.getName()
              + " ("
              + name
              + "): was it compiled by an older sluice-processor? A clean build writes it.");
    }
    try (InputStream in = resource.openStream()) {
      return (ObjectNode) MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }

  /**
   * Renames the fragment's components that clash with different ones merged before, and rewrites
   * its references to them. Until nothing changes: a component written alike may differ once a
   * component it refers to is renamed.
   */
  private static void rename(ObjectNode fragment, Map<String, Map<String, JsonNode>> merged) {
    JsonNode kinds = fragment.path("components");
    while (true) {
      Map<String, String> renamed = new HashMap<>(); // "#/components/schemas/Point" -> "..._2"
      for (Map.Entry<String, JsonNode> kind : kinds.properties()) {
        Map<String, JsonNode> existing = merged.getOrDefault(kind.getKey(), Map.of());
        ObjectNode named = (ObjectNode) kind.getValue();
        List<String> names = new ArrayList<>();
        named.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
          JsonNode earlier = existing.get(name);
          if (earlier == null || earlier.equals(named.get(name))) {
            continue;
          }
          String replacement = name;
          for (int n = 2; existing.containsKey(replacement) || named.has(replacement); n++) {
            replacement = name + "_" + n;
          }
          named.set(replacement, named.remove(name));
          String prefix = COMPONENTS + kind.getKey() + "/";
          renamed.put(prefix + name, prefix + replacement);
        }
      }
      if (renamed.isEmpty()) {
        return;
      }
      rewriteRefs(fragment, renamed);
    }
  }

  private static void rewriteRefs(JsonNode node, Map<String, String> renamed) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      JsonNode ref = object.get("$ref");
      if (ref != null && ref.isTextual() && renamed.containsKey(ref.asText())) {
        object.set("$ref", TextNode.valueOf(renamed.get(ref.asText())));
      }
      object.elements().forEachRemaining(child -> rewriteRefs(child, renamed));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> rewriteRefs(child, renamed));
    }
  }

  private static void uniqueOperationIds(JsonNode pathItem, Set<String> taken) {
    pathItem
        .elements()
        .forEachRemaining(
            operation -> {
              JsonNode id = operation.get("operationId");
              if (id != null && id.isTextual()) {
                String unique = id.asText();
                for (int n = 2; !taken.add(unique); n++) {
                  unique = id.asText() + "_" + n;
                }
                ((ObjectNode) operation).put("operationId", unique);
              }
            });
  }

  /** Indented as the processor writes its documents: two spaces, {@code "name": value}. */
  private static byte[] write(JsonNode document) {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(indenter)
            .withArrayIndenter(indenter);
    try {
      return (MAPPER.writer(printer).writeValueAsString(document) + "\n")
          .getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
