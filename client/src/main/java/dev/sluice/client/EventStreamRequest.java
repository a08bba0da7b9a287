package dev.sluice.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.type.TypeReference;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.Function;

/**
 * One event stream to read, described before it is opened: headers, a {@code Last-Event-ID} to
 * resume after, whether to reconnect; then read as a {@link Flow.Publisher} or as a blocking {@link
 * EventStream}.
 *
 * <pre>{@code
 * try (EventStream<Quote> quotes = client.request("/quotes")
 *     .header("Authorization", token)
 *     .lastEventId(saved)
 *     .events(Quote.class)) {
 *   Quote next = quotes.next();
 * }
 * }</pre>
 *
 * <p>Not thread-safe while it is configured; each {@code publisher}, {@code events} or {@code
 * messages} call takes what it is at that moment.
 */
public final class EventStreamRequest {
  private final SseClient client;
  private final URI uri;
  private final List<Map.Entry<String, String>> headers = new ArrayList<>();
  private String lastEventId = "";
  private boolean reconnect;

  EventStreamRequest(SseClient client, URI uri) {
    this.client = client;
    this.uri = uri;
    this.headers.addAll(client.headers());
    this.reconnect = client.reconnect();
  }

  /** Adds a request header, sent on every connection of the event stream. */
  public EventStreamRequest header(String name, String value) {
    headers.add(
        Map.entry(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
    return this;
  }

  /**
   * Resumes after this event: the first request sends it as {@code Last-Event-ID}, as a reconnect
   * does. Default: none.
   */
  public EventStreamRequest lastEventId(String id) {
    this.lastEventId = Objects.requireNonNull(id, "id");
    return this;
  }

  /**
   * Whether a lost connection is opened again, as {@code EventSource} does (the client's setting by
   * default). Without it the event stream ends with its first response: a test of an endpoint whose
   * event stream ends reads up to that end.
   */
  public EventStreamRequest reconnect(boolean reconnect) {
    this.reconnect = reconnect;
    return this;
  }

  /** The events with their data as text. Each subscriber gets connections of its own. */
  public Flow.Publisher<MessageEvent<String>> publisher() {
    return publisher(DataDecoder.TEXT);
  }

  /** The events with their data read as JSON into {@code type} ({@code String}: the text). */
  public <T> Flow.Publisher<MessageEvent<T>> publisher(Class<T> type) {
    return publisher(DataDecoder.of(client.objectMapper(), type));
  }

  /** The events with their data read as JSON into {@code type}, such as {@code List<Point>}. */
  public <T> Flow.Publisher<MessageEvent<T>> publisher(TypeReference<T> type) {
    return publisher(DataDecoder.of(client.objectMapper(), type));
  }

  /** Opens the event stream for blocking reads of whole events, data as text. */
  public EventStream<MessageEvent<String>> messages() {
    return open(DataDecoder.TEXT, event -> event);
  }

  /**
   * Opens the event stream for blocking reads of whole events, data read as JSON into {@code type}.
   */
  public <T> EventStream<MessageEvent<T>> messages(Class<T> type) {
    return open(DataDecoder.of(client.objectMapper(), type), event -> event);
  }

  /**
   * Opens the event stream for blocking reads of each event's data, read as JSON into {@code type}.
   */
  public <T> EventStream<T> events(Class<T> type) {
    return open(DataDecoder.of(client.objectMapper(), type), MessageEvent::data);
  }

  /**
   * Opens the event stream for blocking reads of each event's data, read as JSON into {@code type}.
   */
  public <T> EventStream<T> events(TypeReference<T> type) {
    return open(DataDecoder.of(client.objectMapper(), type), MessageEvent::data);
  }

  private <T> Flow.Publisher<MessageEvent<T>> publisher(DataDecoder<T> decoder) {
    return publisher(decoder, () -> {});
  }

  private <T> Flow.Publisher<MessageEvent<T>> publisher(DataDecoder<T> decoder, Runnable onOpen) {
    Target target = target();
    return subscriber ->
        new EventSourceSubscription<>(
                client, target, decoder, Objects.requireNonNull(subscriber, "subscriber"), onOpen)
            .start();
  }

  private <T, E> EventStream<E> open(DataDecoder<T> decoder, Function<MessageEvent<T>, E> element) {
    EventStream<E> stream = new EventStream<>("GET " + uri, client.timeout());
    stream.read(publisher(decoder, stream::opened), element);
    return stream;
  }

  private Target target() {
    return new Target(uri, List.copyOf(headers), lastEventId, reconnect);
  }

  /** What one publisher's connections send, fixed when it was made. */
  record Target(
      URI uri, List<Map.Entry<String, String>> headers, String lastEventId, boolean reconnect) {
    /**
     * The request of one connection.
     *
     * @throws IllegalArgumentException if a header value cannot be sent
     */
    HttpRequest httpRequest(String lastEventId) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .GET()
              .header("Accept", "text/event-stream")
              .header("Cache-Control", "no-cache"); // as EventSource asks: no cached event stream
      for (Map.Entry<String, String> header : headers) {
        request.header(header.getKey(), header.getValue());
      }
      if (!lastEventId.isEmpty()) {
        request.header("Last-Event-ID", asHeaderValue(lastEventId));
      }
      return request.build();
    }

    /**
     * The standard sends the id "encoded as UTF-8"; the JDK writes a header's characters as single
     * bytes, so an id outside ASCII goes as its UTF-8 bytes, one character each.
     */
    private static String asHeaderValue(String id) {
      return new String(id.getBytes(UTF_8), ISO_8859_1);
    }
  }
}
