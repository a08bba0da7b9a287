package dev.sluice;

import java.util.Map;

/**
 * A snapshot of a server's or a handler's event streams, cheap enough to take every second ({@link
 * SseServer#stats()}, {@link SseHandler#stats()}). Counters run from the start.
 *
 * @param openStreams event streams open now
 * @param openStreamsByEndpoint event streams open now, by endpoint path template
 * @param eventsSent events written to clients
 * @param bytesSent bytes of events and heartbeats written to clients
 * @param eventsDropped events a slow client never got, by its endpoint's slow-client policy
 * @param eventsUnencodable events skipped because they could not be encoded (the encoder or Jackson
 *     threw); their event streams went on
 * @param queuedBytes bytes encoded and waiting to be written, over all event streams
 * @param heartbeats heartbeat comments sent
 * @param closed event streams ended, by reason
 * @param refused requests answered without opening an event stream, by cause
 */
public record SseStats(
    int openStreams,
    Map<String, Integer> openStreamsByEndpoint,
    long eventsSent,
    long bytesSent,
    long eventsDropped,
    long eventsUnencodable,
    long queuedBytes,
    long heartbeats,
    Map<CloseReason, Long> closed,
    Map<Refusal, Long> refused) {

  public SseStats {
    openStreamsByEndpoint = Map.copyOf(openStreamsByEndpoint);
    closed = Map.copyOf(closed);
    refused = Map.copyOf(refused);
  }

  /** Why an event stream ended. */
  public enum CloseReason {
    /** Its publisher completed or its {@code Stream} ran out. */
    COMPLETED,
    /** The client closed the connection or reset the HTTP/2 stream, or a write to it failed. */
    CLIENT,
    /**
     * The client stopped reading: its connection accepted no byte for the stall timeout, or it read
     * too slowly for its broadcast and was cut off to resume later.
     */
    SLOW,
    /** The endpoint's publisher or {@code Stream} failed after the event stream opened. */
    ERROR,
    /** The server shut down. */
    SHUTDOWN,
    /**
     * The event stream reached its {@code maxStreamAge} and was ended with a {@code retry} hint, so
     * that its client reconnects, perhaps to another node.
     */
    ROTATED
  }

  /** Why a request for an event stream was answered without one. */
  public enum Refusal {
    /** 431: the request's head is larger than {@code maxHeaderSize}. */
    HEAD_TOO_LARGE,
    /** 404: no route for the path. */
    NOT_FOUND,
    /** 405: a method other than GET. */
    METHOD_NOT_ALLOWED,
    /** 406: {@code Accept} rules out {@code text/event-stream}. */
    NOT_ACCEPTABLE,
    /** 400: a missing or unconvertible parameter. */
    BAD_PARAMETER,
    /** The endpoint threw {@code SseStatusException}: the status it chose. */
    ENDPOINT_STATUS,
    /** 500: the endpoint threw, or its publisher failed before its first event. */
    ENDPOINT_ERROR,
    /** 503: the server's {@code maxStreams} are open. */
    SERVER_LIMIT,
    /** 503: the endpoint's {@code @SseEndpoint(maxStreams)} are open. */
    ENDPOINT_LIMIT,
    /** 429: the client's address has {@code maxStreamsPerClient} open. */
    CLIENT_LIMIT,
    /** 429: the client's HTTP/2 connection has {@code maxStreamsPerConnection} open. */
    CONNECTION_LIMIT,
    /**
     * 429: the client's HTTP/2 connection reset too many HTTP/2 streams lately (rapid reset,
     * CVE-2023-44487).
     */
    RESET_FLOOD,
    /** 503: every thread for {@code Stream} endpoints is taken (Java 17 to 20). */
    NO_THREAD,
    /** 503: the server is shutting down. */
    SHUTTING_DOWN,
    /**
     * 403: the request came from a page of another origin that the endpoint's CORS policy does not
     * allow (a preflight too).
     */
    ORIGIN_NOT_ALLOWED,
    /** 401: the endpoint requires a principal, and the authenticator found none. */
    UNAUTHENTICATED,
    /** An authenticator threw {@code SseStatusException}: the status it chose. */
    AUTHENTICATION_REFUSED,
    /** 500: an authenticator failed. */
    AUTHENTICATION_ERROR
  }
}
