package dev.sluice;

import java.util.Map;

/**
 * A snapshot of a server's streams, cheap enough to take every second ({@link SseServer#stats()}).
 * Counters run from the server's start.
 *
 * @param openStreams streams open now
 * @param openStreamsByEndpoint streams open now, by endpoint path template
 * @param eventsSent events written to clients
 * @param bytesSent bytes of events and heartbeats written to clients
 * @param eventsDropped events a slow client never got, by its endpoint's slow-client policy
 * @param queuedBytes bytes encoded and waiting to be written, over all streams
 * @param heartbeats heartbeat comments sent
 * @param closed streams ended, by reason; {@link CloseReason#LIMIT} counts refused requests
 */
public record SseStats(
    int openStreams,
    Map<String, Integer> openStreamsByEndpoint,
    long eventsSent,
    long bytesSent,
    long eventsDropped,
    long queuedBytes,
    long heartbeats,
    Map<CloseReason, Long> closed) {

  public SseStats {
    openStreamsByEndpoint = Map.copyOf(openStreamsByEndpoint);
    closed = Map.copyOf(closed);
  }

  /** Why a stream ended. */
  public enum CloseReason {
    /** Its publisher completed or its stream ran out. */
    COMPLETED,
    /** The client closed the connection or reset the stream, or a write to it failed. */
    CLIENT,
    /** The client read too slowly for its broadcast and was cut off to resume later. */
    SLOW,
    /** The endpoint's publisher or stream failed, or an event could not be encoded. */
    ERROR,
    /** The server shut down. */
    SHUTDOWN,
    /** Refused with 503 before it opened: too many streams. */
    LIMIT
  }
}
