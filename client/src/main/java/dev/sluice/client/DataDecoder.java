package dev.sluice.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns an event's data into the type a reader asked for. A sealed type whose subtypes are named
 * with {@code @SseEventName} is read as the subtype the event's name says, as the server chose the
 * name by the subtype.
 */
@FunctionalInterface
interface DataDecoder<T> {
  /** Data as it came: {@code String.class} means the text itself, never JSON. */
  DataDecoder<String> TEXT = (name, data) -> data;

  /**
   * @param name the event's type, {@code message} when it had no {@code event:} field
   * @throws SseClientException if the data is not the type's JSON
   */
  T decode(String name, String data);

  @SuppressWarnings("unchecked") // String.class is the only Class<String>
  static <T> DataDecoder<T> of(ObjectMapper mapper, Class<T> type) {
    if (type == String.class) {
      return (DataDecoder<T>) TEXT;
    }
    Map<String, Class<?>> named = NamedSubtypes.of(type);
    if (!named.isEmpty()) {
      return byName(mapper, type, named);
    }
    return json(mapper, mapper.constructType(type));
  }

  static <T> DataDecoder<T> of(ObjectMapper mapper, TypeReference<T> type) {
    return json(mapper, mapper.constructType(type));
  }

  private static <T> DataDecoder<T> json(ObjectMapper mapper, JavaType type) {
    // One reader per event stream: Jackson resolves the type's deserializer once, not per event.
    ObjectReader reader = mapper.readerFor(type);
    return (name, data) -> read(reader, type, data);
  }

  private static <T> DataDecoder<T> byName(
      ObjectMapper mapper, Class<T> type, Map<String, Class<?>> named) {
    Map<String, ObjectReader> readers = new LinkedHashMap<>();
    Map<String, JavaType> types = new LinkedHashMap<>();
    named.forEach(
        (name, subtype) -> {
          JavaType javaType = mapper.constructType(subtype);
          types.put(name, javaType);
          readers.put(name, mapper.readerFor(javaType));
        });
    return (name, data) -> {
      ObjectReader reader = readers.get(name);
      if (reader == null) {
        throw new SseClientException(
            "An event named \""
                + name
                + "\" is none of "
                + type.getName()
                + "'s named subtypes "
                + readers.keySet());
      }
      return read(reader, types.get(name), data);
    };
  }

  private static <T> T read(ObjectReader reader, JavaType type, String data) {
    try {
      return reader.readValue(data);
    } catch (JsonProcessingException e) {
      throw new SseClientException(
          "Cannot read an event's data as " + type.toCanonical() + ": " + e.getOriginalMessage(),
          e);
    }
  }
}
