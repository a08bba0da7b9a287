package dev.sluice.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/** Turns an event's data into the type a reader asked for. */
@FunctionalInterface
interface DataDecoder<T> {
  /** Data as it came: {@code String.class} means the text itself, never JSON. */
  DataDecoder<String> TEXT = data -> data;

  /** @throws SseClientException if the data is not the type's JSON */
  T decode(String data);

  @SuppressWarnings("unchecked") // String.class is the only Class<String>
  static <T> DataDecoder<T> of(ObjectMapper mapper, Class<T> type) {
    if (type == String.class) {
      return (DataDecoder<T>) TEXT;
    }
    return json(mapper, mapper.constructType(type));
  }

  static <T> DataDecoder<T> of(ObjectMapper mapper, TypeReference<T> type) {
    return json(mapper, mapper.constructType(type));
  }

  private static <T> DataDecoder<T> json(ObjectMapper mapper, JavaType type) {
    // One reader per stream: Jackson resolves the type's deserializer once, not per event.
    ObjectReader reader = mapper.readerFor(type);
    return data -> {
      try {
        return reader.readValue(data);
      } catch (JsonProcessingException e) {
        throw new SseClientException("Cannot read an event's data as " + type.toCanonical()
            + ": " + e.getOriginalMessage(), e);
      }
    };
  }
}
