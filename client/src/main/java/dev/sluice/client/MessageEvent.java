package dev.sluice.client;

import java.util.Objects;

/**
 * One dispatched event, as the WHATWG "Server-sent events" standard defines the {@code
 * MessageEvent} an {@code EventSource} fires: its type, its data, and the source's last event id at
 * the time.
 *
 * @param type the {@code event:} field of its block, or {@code "message"} when it had none
 * @param data its data: the {@code data:} lines joined with LF (typed: read from that text)
 * @param lastEventId the last {@code id:} the response set, on this event or an earlier one; empty
 *     if none (each response starts with none, as the standard has it, though a reconnect still
 *     sends the previous one as {@code Last-Event-ID})
 * @param <T> the type of the data: {@code String}, or what it was decoded into
 */
public record MessageEvent<T>(String type, T data, String lastEventId) {
  public MessageEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(lastEventId, "lastEventId");
  }

  /** The same event with other data (the decoded form of this one's). */
  <U> MessageEvent<U> withData(U decoded) {
    return new MessageEvent<>(type, decoded, lastEventId);
  }
}
