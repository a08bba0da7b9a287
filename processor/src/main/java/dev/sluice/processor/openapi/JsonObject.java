package dev.sluice.processor.openapi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON object whose members keep the order they were put in, so that the same endpoints always
 * give the same bytes. Values are strings, integers, booleans, lists of values and other {@code
 * JsonObject}s. The processor has no JSON library of its own: users' builds should not get one on
 * their processor path for the sake of a few documents.
 */
public final class JsonObject {
  private final Map<String, Object> members = new LinkedHashMap<>();

  public static JsonObject of(String name, Object value) {
    return new JsonObject().put(name, value);
  }

  /** Adds or replaces a member; a replaced member keeps its place. */
  public JsonObject put(String name, Object value) {
    members.put(Objects.requireNonNull(name, "name"), checked(value));
    return this;
  }

  /** Adds the member unless {@code value} is null. */
  public JsonObject putIfNotNull(String name, Object value) {
    return value == null ? this : put(name, value);
  }

  public Object get(String name) {
    return members.get(name);
  }

  public boolean has(String name) {
    return members.containsKey(name);
  }

  public boolean isEmpty() {
    return members.isEmpty();
  }

  /** The object at {@code name}, added empty if absent. */
  public JsonObject object(String name) {
    Object existing = members.get(name);
    if (existing instanceof JsonObject object) {
      return object;
    }
    JsonObject created = new JsonObject();
    put(name, created);
    return created;
  }

  Map<String, Object> members() {
    return Collections.unmodifiableMap(members);
  }

  /** A copy of this object, nested objects and lists copied too. */
  public JsonObject copy() {
    JsonObject copy = new JsonObject();
    members.forEach((name, value) -> copy.put(name, copyOf(value)));
    return copy;
  }

  private static Object copyOf(Object value) {
    if (value instanceof JsonObject object) {
      return object.copy();
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(item -> copy.add(copyOf(item)));
      return copy;
    }
    return value;
  }

  private static Object checked(Object value) {
    if (value instanceof String
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Boolean
        || value instanceof JsonObject
        || value instanceof List<?>) {
      return value;
    }
    throw new IllegalArgumentException("Not a JSON value: " + value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JsonObject that && members.equals(that.members);
  }

  @Override
  public int hashCode() {
    return members.hashCode();
  }

  /** The JSON text, as {@link JsonText} writes it. */
  @Override
  public String toString() {
    return JsonText.write(this);
  }
}
