package dev.sluice.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Server-Sent Events client on the JDK's {@link HttpClient}: reads event streams as the WHATWG
 * standard's {@code EventSource} does (its parsing rules exactly; reconnects after the server's
 * {@code retry}, sending {@code Last-Event-ID}; 204 stops it), over HTTP/1.1 and HTTP/2, with event
 * data as text or decoded from JSON by Jackson.
 *
 * <pre>{@code
 * SseClient client = SseClient.builder().baseUri(URI.create("http://127.0.0.1:8080")).build();
 * try (EventStream<Quote> quotes = client.events("/quotes", Quote.class)) {
 *   Quote first = quotes.next();          // waits at most the client's timeout
 * }
 * client.request("/quotes").publisher(Quote.class).subscribe(mySubscriber);   // Flow form
 * }</pre>
 *
 * <p>What a server can make it do is bounded: a line or an event's data over {@code maxEventSize}
 * fails the event stream, at most a few KiB of an error page are read, and bytes are read only as
 * fast as the reader takes events. Immutable and thread-safe; one client can read any number of
 * event streams at once.
 */
public final class SseClient {
  private final HttpClient http;
  private final URI baseUri;
  private final ObjectMapper objectMapper;
  private final List<Map.Entry<String, String>> headers;
  private final boolean reconnect;
  private final Duration reconnectDelay;
  private final Duration maxReconnectDelay;
  private final Duration readTimeout;
  private final Duration timeout;
  private final int maxEventSize;

  private SseClient(Builder builder, HttpClient http) {
    this.http = http;
    this.baseUri = builder.baseUri;
    this.objectMapper = builder.objectMapper != null ? builder.objectMapper : new ObjectMapper();
    this.headers = List.copyOf(builder.headers);
    this.reconnect = builder.reconnect;
    this.reconnectDelay = builder.reconnectDelay;
    this.maxReconnectDelay = builder.maxReconnectDelay;
    this.readTimeout = builder.readTimeout;
    this.timeout = builder.timeout;
    this.maxEventSize = builder.maxEventSize;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts describing an event stream of {@code uri}, resolved against the base URI if relative.
   */
  public EventStreamRequest request(String uri) {
    return request(URI.create(uri));
  }

  /**
   * Starts describing an event stream of {@code uri}, resolved against the base URI if relative.
   */
  public EventStreamRequest request(URI uri) {
    return new EventStreamRequest(this, resolve(uri));
  }

  /**
   * Opens {@code uri} and reads each event's data as JSON into {@code type} ({@code String.class}:
   * the data as text); short for {@code request(uri).events(type)}.
   */
  public <T> EventStream<T> events(String uri, Class<T> type) {
    return request(uri).events(type);
  }

  /** Opens {@code uri} and reads whole events, data as text; {@code request(uri).messages()}. */
  public EventStream<MessageEvent<String>> messages(String uri) {
    return request(uri).messages();
  }

  /** The base URI relative ones are resolved against, or null. */
  public URI baseUri() {
    return baseUri;
  }

  private URI resolve(URI uri) {
    if (uri.isAbsolute()) {
      return uri;
    }
    if (baseUri == null) {
      throw new IllegalArgumentException(
          "'" + uri + "' is relative and the client has no" + " baseUri");
    }
    return baseUri.resolve(uri);
  }

  HttpClient http() {
    return http;
  }

  ObjectMapper objectMapper() {
    return objectMapper;
  }

  List<Map.Entry<String, String>> headers() {
    return headers;
  }

  boolean reconnect() {
    return reconnect;
  }

  Duration reconnectDelay() {
    return reconnectDelay;
  }

  Duration maxReconnectDelay() {
    return maxReconnectDelay;
  }

  Duration readTimeout() {
    return readTimeout;
  }

  Duration timeout() {
    return timeout;
  }

  int maxEventSize() {
    return maxEventSize;
  }

  /** Configures an {@link SseClient}. Not thread-safe. */
  public static final class Builder {
    private HttpClient http;
    private HttpClient.Version version;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private URI baseUri;
    private ObjectMapper objectMapper;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private boolean reconnect = true;
    private Duration reconnectDelay = Duration.ofSeconds(3);
    private Duration maxReconnectDelay = Duration.ofMinutes(1);
    private Duration readTimeout = Duration.ZERO;
    private Duration timeout = Duration.ofSeconds(30);
    private int maxEventSize = EventStreamParser.DEFAULT_MAX_EVENT_SIZE;

    private Builder() {}

    /**
     * Where relative URIs point, such as {@code http://127.0.0.1:8080/}. Default: none, every URI
     * must be absolute.
     */
    public Builder baseUri(URI baseUri) {
      if (!baseUri.isAbsolute()) {
        throw new IllegalArgumentException("baseUri must be absolute, got " + baseUri);
      }
      this.baseUri = baseUri;
      return this;
    }

    /**
     * The HttpClient to send with (its TLS context, proxy, executor, version). Default: one of the
     * client's own, which follows redirects, connects within {@link #connectTimeout}, and speaks
     * HTTP/2 where the server agrees (ALPN, or the h2c upgrade) and HTTP/1.1 elsewhere.
     */
    public Builder httpClient(HttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /** The HTTP version of the client's own HttpClient, such as {@code HTTP_1_1}. */
    public Builder version(HttpClient.Version version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /** How long the client's own HttpClient tries to connect; default 10 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** Reads typed event data; default {@code new ObjectMapper()}. */
    public Builder objectMapper(ObjectMapper objectMapper) {
      this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
      return this;
    }

    /** A header sent with every request, such as {@code Authorization}. */
    public Builder header(String name, String value) {
      headers.add(
          Map.entry(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
      return this;
    }

    /**
     * Whether a lost connection is opened again, as {@code EventSource} does; default true. Each
     * request can say otherwise ({@link EventStreamRequest#reconnect}).
     */
    public Builder reconnect(boolean reconnect) {
      this.reconnect = reconnect;
      return this;
    }

    /** The wait before a reconnect until the server sends {@code retry}; default 3 s. */
    public Builder reconnectDelay(Duration delay) {
      this.reconnectDelay = notNegative(delay, "reconnectDelay");
      return this;
    }

    /**
     * The longest wait before a reconnect, whatever {@code retry}, {@code Retry-After} or the
     * backoff after failed attempts ask for; default 1 minute.
     */
    public Builder maxReconnectDelay(Duration delay) {
      this.maxReconnectDelay = notNegative(delay, "maxReconnectDelay");
      return this;
    }

    /**
     * A connection on which no byte arrives for this long, while the client waits for one, is taken
     * as lost (and reconnected, with reconnects on). Heartbeat comments are bytes: set it above the
     * server's heartbeat interval. Default {@code Duration.ZERO}: none, as in a browser.
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = notNegative(timeout, "readTimeout");
      return this;
    }

    /**
     * How long a blocking read of an {@link EventStream} waits for an event before it throws {@link
     * SseTimeoutException}; default 30 s; {@code Duration.ZERO} waits without limit.
     */
    public Builder timeout(Duration timeout) {
      this.timeout = notNegative(timeout, "timeout");
      return this;
    }

    /**
     * The most bytes in one line of an event stream, and in one event's data; an event stream that
     * sends more fails. Default 1 MiB.
     */
    public Builder maxEventSize(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxEventSize must be positive, got " + bytes);
      }
      this.maxEventSize = bytes;
      return this;
    }

    /**
     * @throws IllegalStateException if both an HttpClient and a version were given
     */
    public SseClient build() {
      if (http != null && version != null) {
        throw new IllegalStateException(
            "version(..) configures the client's own HttpClient;"
                + " set it on the HttpClient given to httpClient(..) instead");
      }
      HttpClient client =
          http != null
              ? http
              : HttpClient.newBuilder()
                  .version(version != null ? version : HttpClient.Version.HTTP_2)
                  .followRedirects(HttpClient.Redirect.NORMAL) // as EventSource follows them
                  .connectTimeout(connectTimeout)
                  .build();
      return new SseClient(this, client);
    }

    private static Duration notNegative(Duration duration, String name) {
      if (duration.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, got " + duration);
      }
      return duration;
    }

    private static Duration positive(Duration duration, String name) {
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + duration);
      }
      return duration;
    }
  }
}
