package dev.sluice.internal.refuse;

import dev.sluice.SseStats.Refusal;
import dev.sluice.internal.close.Counters;
import dev.sluice.internal.log.ThrottledLog;
import io.undertow.server.HttpServerExchange;
import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Answers the requests that get no event stream: a status and a short body, a count in the stats,
 * and for refusals an operator should hear of (the server at capacity) a log line, throttled, since
 * clients can cause them as fast as they can connect. Thread-safe.
 */
public final class Refusals {
  private static final System.Logger LOG = System.getLogger("dev.sluice.server");

  /** How long a client refused for lack of room is asked to wait, in seconds. */
  private static final String RETRY_AFTER_SECONDS = "5";

  private final Counters counters;
  private final Map<Refusal, ThrottledLog> logs = new EnumMap<>(Refusal.class);

  public Refusals(Counters counters) {
    this.counters = counters;
    logs.put(
        Refusal.SERVER_LIMIT,
        new ThrottledLog(
            LOG,
            Level.WARNING,
            "Refused an event stream with 503: the server's maxStreams are open"));
    logs.put(
        Refusal.ENDPOINT_LIMIT,
        new ThrottledLog(
            LOG,
            Level.INFO,
            "Refused an event stream with 503: the endpoint's maxStreams are open"));
    logs.put(
        Refusal.CLIENT_LIMIT,
        new ThrottledLog(
            LOG,
            Level.INFO,
            "Refused an event stream with 429: the client's address has maxStreamsPerClient open"));
    logs.put(
        Refusal.CONNECTION_LIMIT,
        new ThrottledLog(
            LOG,
            Level.INFO,
            "Refused an event stream with 429: its HTTP/2 connection has"
                + " maxStreamsPerConnection open"));
    logs.put(
        Refusal.RESET_FLOOD,
        new ThrottledLog(
            LOG,
            Level.WARNING,
            "Refused an event stream with 429: its HTTP/2 connection reset too many streams"
                + " (rapid reset)"));
    logs.put(
        Refusal.NO_THREAD,
        new ThrottledLog(
            LOG,
            Level.WARNING,
            "Refused an event stream with 503: every stream thread is taken (maxStreamThreads)"));
    logs.put(
        Refusal.ORIGIN_NOT_ALLOWED,
        new ThrottledLog(
            LOG,
            Level.INFO,
            "Refused a request with 403: it came from a page of an origin the endpoint does not"
                + " allow (allowedOrigins)"));
  }

  /** Answers with the refusal's own status. Callable from any thread. */
  public void refuse(HttpServerExchange exchange, Refusal refusal, String message) {
    refuse(exchange, refusal, statusOf(refusal), message);
  }

  /** Answers with {@code status}. Callable from any thread. */
  public void refuse(HttpServerExchange exchange, Refusal refusal, int status, String message) {
    refuse(exchange, refusal, status, message, Map.of());
  }

  /** Answers with {@code status} and these headers. Callable from any thread. */
  public void refuse(
      HttpServerExchange exchange,
      Refusal refusal,
      int status,
      String message,
      Map<String, String> headers) {
    counters.refused(refusal);
    Responses.send(exchange, status, message, headers);
  }

  /**
   * Answers with the refusal's own status, and logs it (throttled) when it is one an operator hears
   * of, with {@code detail}: never anything the client sent. Callable from any thread.
   */
  public void refuseAndLog(
      HttpServerExchange exchange, Refusal refusal, String message, Supplier<String> detail) {
    ThrottledLog log = logs.get(refusal);
    if (log != null) {
      log.log(detail);
    }
    refuse(exchange, refusal, message);
  }

  /**
   * Answers a refusal for lack of room (503, or 429 for the client's own limit) with {@code
   * Retry-After}, and logs it, naming {@code endpoint}. Callable from any thread.
   */
  public void unavailable(HttpServerExchange exchange, Refusal refusal, String endpoint) {
    ThrottledLog log = logs.get(refusal);
    if (log != null) {
      log.log(() -> "last at " + endpoint);
    }
    counters.refused(refusal);
    int status = statusOf(refusal);
    Responses.send(
        exchange,
        status,
        status == 429
            ? "Too Many Requests: too many streams from you"
            : "Service Unavailable: too many open streams",
        RETRY_AFTER_SECONDS);
  }

  private static int statusOf(Refusal refusal) {
    switch (refusal) {
      case HEAD_TOO_LARGE:
        return 431;
      case NOT_FOUND:
        return 404;
      case METHOD_NOT_ALLOWED:
        return 405;
      case NOT_ACCEPTABLE:
        return 406;
      case BAD_PARAMETER:
        return 400;
      case UNAUTHENTICATED:
        return 401;
      case ORIGIN_NOT_ALLOWED:
        return 403;
      case CLIENT_LIMIT:
      case CONNECTION_LIMIT:
      case RESET_FLOOD:
        return 429;
      case SERVER_LIMIT:
      case ENDPOINT_LIMIT:
      case NO_THREAD:
      case SHUTTING_DOWN:
        return 503;
      case ENDPOINT_ERROR:
      case AUTHENTICATION_ERROR:
      default: // ENDPOINT_STATUS and AUTHENTICATION_REFUSED come with a status of their own
        return 500;
    }
  }
}
