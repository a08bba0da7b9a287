package dev.sluice.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.sluice.SseEvent;
import dev.sluice.spi.BroadcastJournal;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event as the fields of a Redis stream entry, so that any node, and any other Redis client, can
 * read it: {@code data} (the event's data as JSON of the broadcast's type), {@code json} ({@code 1}
 * when the event forces JSON on text endpoints), {@code event}, {@code retry} (milliseconds),
 * {@code comment}, and {@code key} (the latest-per-key key). Fields the event does not have are
 * left out.
 */
final class EntryFields<T> {
  static final String DATA = "data";
  static final String JSON = "json";
  static final String EVENT = "event";
  static final String RETRY = "retry";
  static final String COMMENT = "comment";
  static final String KEY = "key";

  private final ObjectWriter writer;
  private final ObjectReader reader;

  EntryFields(ObjectMapper mapper, JavaType type) {
    this.writer = mapper.writerFor(type);
    this.reader = mapper.readerFor(type);
  }

  Map<String, String> encode(SseEvent<T> event, String key) throws JsonProcessingException {
    Map<String, String> fields = new LinkedHashMap<>();
    if (event.data() != null) {
      fields.put(DATA, writer.writeValueAsString(event.data()));
      if (event.isJson()) {
        fields.put(JSON, "1");
      }
    }
    putIfPresent(fields, EVENT, event.event());
    if (event.retry() != null) {
      fields.put(RETRY, Long.toString(event.retry().toMillis()));
    }
    putIfPresent(fields, COMMENT, event.comment());
    putIfPresent(fields, KEY, key);
    return fields;
  }

  /**
   * The entry {@code id} with {@code fields}.
   *
   * @throws IOException if its data is not JSON of the broadcast's type
   * @throws IllegalArgumentException if its fields make no event (see {@code SseEvent.build})
   */
  BroadcastJournal.Entry<T> decode(String id, Map<String, String> fields) throws IOException {
    SseEvent.Builder<T> event = SseEvent.builder();
    String data = fields.get(DATA);
    if (data != null) {
      T value = reader.readValue(data);
      event = "1".equals(fields.get(JSON)) ? event.json(value) : event.data(value);
    }
    if (fields.containsKey(EVENT)) {
      event.event(fields.get(EVENT));
    }
    if (fields.containsKey(RETRY)) {
      event.retry(Duration.ofMillis(Long.parseLong(fields.get(RETRY))));
    }
    if (fields.containsKey(COMMENT)) {
      event.comment(fields.get(COMMENT));
    }
    return new BroadcastJournal.Entry<>(id, event.build(), fields.get(KEY));
  }

  private static void putIfPresent(Map<String, String> fields, String name, String value) {
    if (value != null) {
      fields.put(name, value);
    }
  }
}
