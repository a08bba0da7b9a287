package dev.sluice.internal;

import dev.sluice.SseStats.CloseReason;
import dev.sluice.SseStatusException;
import dev.sluice.spi.BadParameterException;
import dev.sluice.spi.SseResponse;
import dev.sluice.spi.SseRoute;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.SameThreadExecutor;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;

/**
 * Serves one generated route: checks the method, {@code Accept} and the stream limits, then
 * calls the endpoint off the I/O thread (a worker for a publisher, a stream thread for a
 * {@code Stream}) and streams what it returns.
 */
final class EndpointHandler {
  private static final System.Logger LOG = System.getLogger("dev.sluice");
  static final String RETRY_AFTER_SECONDS = "5";

  private final SseRoute route;
  private final StreamThreads streamThreads;
  private final StreamSettings settings;
  private final long heartbeatNanos;
  /** How logs name the endpoint: its path and the method behind it. */
  private final String label;

  EndpointHandler(SseRoute route, StreamThreads streamThreads, StreamSettings settings) {
    this.route = route;
    this.streamThreads = streamThreads;
    this.settings = settings;
    this.heartbeatNanos =
        route.heartbeat() != null ? route.heartbeat().toNanos() : settings.heartbeatNanos();
    this.label = route.path() + " (" + route.method() + ")";
  }

  /** On the I/O thread. */
  void handle(HttpServerExchange exchange, Map<String, String> pathVariables) {
    if (!exchange.getRequestMethod().equals(Methods.GET)) {
      exchange.getResponseHeaders().put(Headers.ALLOW, "GET");
      Responses.send(exchange, 405, "Method Not Allowed: " + route.path() + " serves GET only");
      return;
    }
    if (!Accepts.eventStream(exchange.getRequestHeaders().get(Headers.ACCEPT))) {
      Responses.send(exchange, 406,
          "Not Acceptable: " + route.path() + " produces text/event-stream only");
      return;
    }
    Streams.Permit permit = settings.streams().admit(route);
    if (permit == null) {
      unavailable(exchange);
      return;
    }
    Runnable start = () -> start(exchange, pathVariables, permit);
    if (route.kind() == SseRoute.Kind.PUBLISHER) {
      exchange.dispatch(exchange.getConnection().getWorker(), start);
      return;
    }
    exchange.dispatch(SameThreadExecutor.INSTANCE, () -> {
      try {
        streamThreads.execute(start);
      } catch (RejectedExecutionException e) {
        LOG.log(Level.WARNING, label + ": no stream thread free; answering 503");
        permit.release(null, null);
        unavailable(exchange);
      }
    });
  }

  private static void unavailable(HttpServerExchange exchange) {
    exchange.getResponseHeaders().put(Headers.RETRY_AFTER, RETRY_AFTER_SECONDS);
    Responses.send(exchange, 503, "Service Unavailable: too many open streams");
  }

  /** Off the I/O thread: call the endpoint, then stream its result. */
  private void start(
      HttpServerExchange exchange, Map<String, String> pathVariables, Streams.Permit permit) {
    SseResponse response;
    try {
      response = route.handler().handle(new ExchangeRequest(exchange, pathVariables));
    } catch (BadParameterException e) {
      permit.release(null, null);
      Responses.send(exchange, 400, "Bad Request: " + e.getMessage());
      return;
    } catch (SseStatusException e) {
      permit.release(null, null);
      Responses.send(exchange, e.status(), e.getMessage());
      return;
    } catch (Exception e) {
      permit.release(null, null);
      LOG.log(Level.ERROR, label + " threw before its first event", e);
      Responses.send(exchange, 500, "Internal Server Error");
      return;
    }
    Executor worker = exchange.getConnection().getWorker();
    SseConnection connection = new SseConnection(
        exchange, response.encoder(), label, settings, permit, heartbeatNanos);
    if (response.stream() != null) {
      new StreamDriver(response.stream(), connection, worker, label).run();
    } else {
      subscribe(response.publisher(), connection, worker);
    }
  }

  private void subscribe(Flow.Publisher<?> publisher, SseConnection connection, Executor worker) {
    PublisherDriver driver = new PublisherDriver(connection, worker, label);
    connection.open(driver);
    try {
      publisher.subscribe(driver);
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, label + ": Flow.Publisher.subscribe threw", e);
      connection.fail(CloseReason.ERROR);
    }
  }
}
