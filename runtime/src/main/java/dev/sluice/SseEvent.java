package dev.sluice;

import dev.sluice.wire.EventFields;
import java.time.Duration;
import java.util.Objects;

/**
 * One Server-Sent Event: data, and optionally an event name, an id, a reconnection delay and a
 * comment. Immutable and thread-safe.
 *
 * <pre>{@code
 * SseEvent.of("hello");                                             // data: hello
 * SseEvent.builder().data(point).event("moved").id("42").build();   // SseEvent<Point>, JSON data
 * SseEvent.builder().json("quoted").build();                        // data: "quoted"
 * SseEvent.<String>builder().comment("ping").build();               // : ping
 * }</pre>
 *
 * <p>How {@code data} is written is chosen from the endpoint's declared element type: a {@code
 * String} as text, anything else as JSON through the server's {@code ObjectMapper}; {@link
 * Builder#json} forces JSON. An event without data dispatches nothing on the client but still
 * carries its id, retry and comment.
 *
 * @param <T> the type of the data
 */
public final class SseEvent<T> {
  private final T data;
  private final boolean json;
  private final String event;
  private final String id;
  private final Duration retry;
  private final String comment;

  private SseEvent(Builder<T> builder) {
    this.data = builder.data;
    this.json = builder.json;
    this.event = builder.event;
    this.id = builder.id;
    this.retry = builder.retry;
    this.comment = builder.comment;
  }

  /** An event with only data. */
  public static <T> SseEvent<T> of(T data) {
    return new Builder<T>().data(data).build();
  }

  /**
   * A builder. {@link Builder#data} and {@link Builder#json} fix its type; to build an event
   * without data for an endpoint of {@code SseEvent<X>}, name the type: {@code
   * SseEvent.<X>builder().comment("ping").build()}.
   */
  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /** The data, or null for an event that carries only an id, a retry or a comment. */
  public T data() {
    return data;
  }

  /** Whether the data is written as JSON even when it is a {@code String}. */
  public boolean isJson() {
    return json;
  }

  /** The event name (the client's event type), or null for the default {@code message}. */
  public String event() {
    return event;
  }

  /** The event id, which a reconnecting client sends back as {@code Last-Event-ID}, or null. */
  public String id() {
    return id;
  }

  /** The reconnection delay to ask of the client, or null. */
  public Duration retry() {
    return retry;
  }

  /** A comment, ignored by clients (useful as a keep-alive), or null. */
  public String comment() {
    return comment;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SseEvent)) {
      return false;
    }
    SseEvent<?> that = (SseEvent<?>) o;
    return json == that.json
        && Objects.equals(data, that.data)
        && Objects.equals(event, that.event)
        && Objects.equals(id, that.id)
        && Objects.equals(retry, that.retry)
        && Objects.equals(comment, that.comment);
  }

  @Override
  public int hashCode() {
    return Objects.hash(data, json, event, id, retry, comment);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("SseEvent{");
    if (event != null) {
      s.append("event=").append(event).append(", ");
    }
    if (id != null) {
      s.append("id=").append(id).append(", ");
    }
    if (retry != null) {
      s.append("retry=").append(retry).append(", ");
    }
    if (comment != null) {
      s.append("comment=").append(comment).append(", ");
    }
    if (data != null) {
      s.append(json ? "json=" : "data=").append(data).append(", ");
    }
    s.setLength(s.length() - (s.length() > "SseEvent{".length() ? 2 : 0));
    return s.append('}').toString();
  }

  /**
   * Builds an {@link SseEvent}. Not thread-safe.
   *
   * @param <T> the type of the data
   */
  public static final class Builder<T> {
    private T data;
    private boolean json;
    private String event;
    private String id;
    private Duration retry;
    private String comment;

    private Builder() {}

    private <U> Builder<U> withData(U newData, boolean asJson) {
      Builder<U> b = new Builder<>();
      b.data = Objects.requireNonNull(newData, "data");
      b.json = asJson;
      b.event = event;
      b.id = id;
      b.retry = retry;
      b.comment = comment;
      return b;
    }

    /** Sets the data; written as text when the endpoint's element type is String. */
    public <U> Builder<U> data(U data) {
      return withData(data, false);
    }

    /** Sets the data and writes it as JSON, even when it is a {@code String}. */
    public <U> Builder<U> json(U data) {
      return withData(data, true);
    }

    /**
     * Sets the event name. It cannot be blank, nor contain CR or LF: {@link #build()} rejects it.
     */
    public Builder<T> event(String name) {
      this.event = Objects.requireNonNull(name, "event");
      return this;
    }

    /** Sets the id. It cannot contain CR, LF or NUL: {@link #build()} rejects it. */
    public Builder<T> id(String id) {
      this.id = Objects.requireNonNull(id, "id");
      return this;
    }

    /** Asks the client to wait this long before reconnecting; sent in whole milliseconds. */
    public Builder<T> retry(Duration retry) {
      Objects.requireNonNull(retry, "retry");
      if (retry.isNegative()) {
        throw new IllegalArgumentException("SseEvent retry must not be negative: " + retry);
      }
      try {
        retry.toMillis(); // the wire carries milliseconds: fail here, not mid-stream
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("SseEvent retry is too long to send: " + retry, e);
      }
      this.retry = retry;
      return this;
    }

    /** Sets a comment; one with line breaks is sent as several comment lines. */
    public Builder<T> comment(String comment) {
      this.comment = Objects.requireNonNull(comment, "comment");
      return this;
    }

    /**
     * The event.
     *
     * @throws IllegalArgumentException if the event name or id cannot be written on the wire (a
     *     blank name, CR or LF in either, NUL in the id, which clients ignore) or the event is
     *     empty
     */
    public SseEvent<T> build() {
      EventFields.Problem name = event == null ? null : EventFields.nameProblem(event);
      if (name == EventFields.Problem.BLANK) {
        throw new IllegalArgumentException(
            "SseEvent event name must not be blank: no listener can be added for it; leave the"
                + " name out for the default \"message\": "
                + quote(event));
      }
      if (name == EventFields.Problem.LINE_BREAK) {
        throw new IllegalArgumentException(
            "SseEvent event name must not contain CR or LF, which end the field on the wire: "
                + quote(event));
      }
      EventFields.Problem id = this.id == null ? null : EventFields.idProblem(this.id);
      if (id == EventFields.Problem.LINE_BREAK) {
        throw new IllegalArgumentException(
            "SseEvent id must not contain CR or LF, which end the field on the wire: "
                + quote(this.id));
      }
      if (id == EventFields.Problem.NUL) {
        throw new IllegalArgumentException(
            "SseEvent id must not contain NUL: clients ignore such an id: " + quote(this.id));
      }
      // A name alone dispatches nothing on the client, so it does not make an event.
      if (data == null && this.id == null && retry == null && comment == null) {
        throw new IllegalArgumentException(
            "SseEvent needs data, a comment, an id or a retry; this one has none");
      }
      return new SseEvent<>(this);
    }

    private static String quote(String s) {
      return '"' + s.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0") + '"';
    }
  }
}
