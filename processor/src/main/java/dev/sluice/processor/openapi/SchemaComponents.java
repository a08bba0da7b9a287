package dev.sluice.processor.openapi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The named schemas of one document ({@code components/schemas}), each derived once and then
 * referred to with {@code $ref}, which also lets a type refer to itself. A name is the type's
 * simple name where no other type of the document has it, else its name in its package, else its
 * qualified name: the same types always get the same names.
 */
final class SchemaComponents {
  static final String PREFIX = "#/components/schemas/";

  /** Component names by type key, assigned before the schema is derived. */
  private final Map<String, String> names = new HashMap<>();

  private final Map<String, String> keys = new HashMap<>();
  private final Map<String, JsonObject> schemas = new TreeMap<>();

  /**
   * A reference to the component for {@code key}, derived by {@code schema} the first time.
   *
   * @param candidates the names to try in order, most readable first
   */
  JsonObject ref(String key, List<String> candidates, Supplier<JsonObject> schema) {
    String name = names.get(key);
    if (name == null) {
      name = allocate(key, candidates);
      schemas.put(name, schema.get());
    }
    return JsonObject.of("$ref", PREFIX + name);
  }

  private String allocate(String key, List<String> candidates) {
    String name = null;
    for (String candidate : candidates) {
      String sanitized = sanitize(candidate);
      if (!keys.containsKey(sanitized)) {
        name = sanitized;
        break;
      }
    }
    if (name == null) {
      String last = sanitize(candidates.get(candidates.size() - 1));
      int n = 2;
      while (keys.containsKey(last + "_" + n)) {
        n++;
      }
      name = last + "_" + n;
    }
    names.put(key, name);
    keys.put(name, key);
    return name;
  }

  /** OpenAPI allows letters, digits, '.', '-' and '_' in component names. */
  private static String sanitize(String name) {
    return name.replaceAll("[^A-Za-z0-9.\\-_]", "_");
  }

  boolean isEmpty() {
    return schemas.isEmpty();
  }

  /** The components, sorted by name. */
  JsonObject toJson() {
    JsonObject json = new JsonObject();
    schemas.forEach(json::put);
    return json;
  }
}
