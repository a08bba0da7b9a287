package dev.sluice.internal;

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
 * Serves one generated route: checks the method and {@code Accept}, then calls the endpoint off
 * the I/O thread (a worker for a publisher, a stream thread for a {@code Stream}) and streams
 * what it returns.
 */
final class EndpointHandler {
  private static final System.Logger LOG = System.getLogger("dev.sluice");
  static final String RETRY_AFTER_SECONDS = "5";

  private final SseRoute route;
  private final StreamThreads streamThreads;
  private final BufferPool buffers;

  EndpointHandler(SseRoute route, StreamThreads streamThreads, BufferPool buffers) {
    this.route = route;
    this.streamThreads = streamThreads;
    this.buffers = buffers;
  }

  SseRoute route() {
    return route;
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
    Runnable start = () -> start(exchange, pathVariables);
    if (route.kind() == SseRoute.Kind.PUBLISHER) {
      exchange.dispatch(exchange.getConnection().getWorker(), start);
      return;
    }
    exchange.dispatch(SameThreadExecutor.INSTANCE, () -> {
      try {
        streamThreads.execute(start);
      } catch (RejectedExecutionException e) {
        LOG.log(Level.WARNING, route.method() + ": no stream thread free; answering 503");
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, RETRY_AFTER_SECONDS);
        Responses.send(exchange, 503, "Service Unavailable: too many open streams");
      }
    });
  }

  /** Off the I/O thread: call the endpoint, then stream its result. */
  private void start(HttpServerExchange exchange, Map<String, String> pathVariables) {
    SseResponse response;
    try {
      response = route.handler().handle(new ExchangeRequest(exchange, pathVariables));
    } catch (BadParameterException e) {
      Responses.send(exchange, 400, "Bad Request: " + e.getMessage());
      return;
    } catch (SseStatusException e) {
      Responses.send(exchange, e.status(), e.getMessage());
      return;
    } catch (Exception e) {
      LOG.log(Level.ERROR, route.method() + " threw before its first event", e);
      Responses.send(exchange, 500, "Internal Server Error");
      return;
    }
    Executor worker = exchange.getConnection().getWorker();
    SseConnection connection =
        new SseConnection(exchange, response.encoder(), route.method(), buffers);
    if (response.stream() != null) {
      new StreamDriver(response.stream(), connection, worker, route.method()).run();
    } else {
      subscribe(response.publisher(), connection, worker);
    }
  }

  private void subscribe(Flow.Publisher<?> publisher, SseConnection connection, Executor worker) {
    PublisherDriver driver = new PublisherDriver(connection, worker, route.method());
    connection.open(driver);
    try {
      publisher.subscribe(driver);
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, route.method() + ": Flow.Publisher.subscribe threw", e);
      connection.complete();
    }
  }
}
