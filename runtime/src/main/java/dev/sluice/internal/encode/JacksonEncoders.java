package dev.sluice.internal.encode;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.SseEvent;
import dev.sluice.encode.SseEncoder;
import dev.sluice.spi.SseEncoders;

/** The server's {@link SseEncoders}: JSON through one shared {@link ObjectMapper}. */
public final class JacksonEncoders implements SseEncoders {
  private static final SseEncoder<String> TEXT = new DataEncoder<>(DataWriter.text());

  private final ObjectMapper mapper;
  private final DataWriter<Object> anyJson;

  public JacksonEncoders(ObjectMapper mapper) {
    this.mapper = mapper;
    this.anyJson = new JsonDataWriter<>(mapper.writerFor(Object.class));
  }

  /**
   * {@code SseEvent}s of any data type, chosen per event: a {@code String} as text, anything else
   * as JSON. For events the server writes itself, such as the shutdown event.
   */
  public SseEncoder<SseEvent<?>> anyEvents() {
    EventEncoder<Object> events =
        new EventEncoder<>(
            (value, out) -> {
              if (value instanceof String) {
                SseWire.data((String) value, out);
              } else {
                anyJson.writeData(value, out);
              }
            },
            anyJson);
    return (event, out) -> events.encode(widen(event), out);
  }

  @SuppressWarnings("unchecked") // reading an SseEvent<?> as SseEvent<Object> is safe
  private static SseEvent<Object> widen(SseEvent<?> event) {
    return (SseEvent<Object>) event;
  }

  @Override
  public SseEncoder<String> text() {
    return TEXT;
  }

  @Override
  public <T> SseEncoder<T> json(Class<T> type) {
    return new DataEncoder<>(new JsonDataWriter<T>(mapper.writerFor(type)));
  }

  @Override
  public <T> SseEncoder<T> json(TypeReference<T> type) {
    return new DataEncoder<>(new JsonDataWriter<T>(mapper.writerFor(type)));
  }

  @Override
  public SseEncoder<SseEvent<String>> textEvents() {
    return new EventEncoder<>(DataWriter.text(), anyJson);
  }

  @Override
  public <T> SseEncoder<SseEvent<T>> jsonEvents(Class<T> type) {
    return new EventEncoder<>(new JsonDataWriter<T>(mapper.writerFor(type)), anyJson);
  }

  @Override
  public <T> SseEncoder<SseEvent<T>> jsonEvents(TypeReference<T> type) {
    return new EventEncoder<>(new JsonDataWriter<T>(mapper.writerFor(type)), anyJson);
  }
}
