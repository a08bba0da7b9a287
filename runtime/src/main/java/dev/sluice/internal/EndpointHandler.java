package dev.sluice.internal;

import dev.sluice.SseStats.Refusal;
import dev.sluice.SseStatusException;
import dev.sluice.spi.BadParameterException;
import dev.sluice.spi.SseResponse;
import dev.sluice.spi.SseRoute;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.SameThreadExecutor;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;

/**
 * Serves one generated route: checks the method, {@code Accept} and the stream limits, then
 * calls the endpoint off the I/O thread (a worker for a publisher, a stream thread for a
 * {@code Stream}) and streams what it returns. The admitted stream's place is given back by the
 * exchange's completion listener, which every request that ends passes through, and by the
 * stream's own close (Undertow never completes an HTTP/2 exchange whose stream was reset).
 */
final class EndpointHandler {
  private static final System.Logger LOG = System.getLogger("dev.sluice.stream");
  private static final ThrottledLog ENDPOINT_THREW = new ThrottledLog(LOG, Level.ERROR,
      "An endpoint failed before its first event; answered 500");
  static final String RETRY_AFTER_SECONDS = "5";

  private final SseRoute route;
  private final StreamThreads streamThreads;
  private final StreamSettings settings;
  private final Refusals refusals;
  private final Http2Guard http2;
  private final long heartbeatNanos;
  /** How logs name the endpoint: its path and the method behind it. */
  private final String label;

  EndpointHandler(SseRoute route, StreamThreads streamThreads, StreamSettings settings,
      Refusals refusals, Http2Guard http2) {
    this.route = route;
    this.streamThreads = streamThreads;
    this.settings = settings;
    this.refusals = refusals;
    this.http2 = http2;
    this.heartbeatNanos =
        route.heartbeat() != null ? route.heartbeat().toNanos() : settings.heartbeatNanos();
    this.label = route.path() + " (" + route.method() + ")";
  }

  /** On the I/O thread. */
  void handle(HttpServerExchange exchange, Map<String, String> pathVariables) {
    if (!exchange.getRequestMethod().equals(Methods.GET)) {
      exchange.getResponseHeaders().put(Headers.ALLOW, "GET");
      refusals.refuse(exchange, Refusal.METHOD_NOT_ALLOWED,
          "Method Not Allowed: " + route.path() + " serves GET only");
      return;
    }
    if (!Accepts.eventStream(exchange.getRequestHeaders().get(Headers.ACCEPT))) {
      refusals.refuse(exchange, Refusal.NOT_ACCEPTABLE,
          "Not Acceptable: " + route.path() + " produces text/event-stream only");
      return;
    }
    Http2Guard.Lease lease = http2.admit(exchange);
    if (lease == null) {
      refusals.unavailable(exchange, http2.refusal(exchange), label);
      return;
    }
    Streams.Admission admission = settings.streams().admit(route, clientAddress(exchange));
    if (admission.permit() == null) {
      lease.release(false);
      refusals.unavailable(exchange, admission.refusal(), label);
      return;
    }
    Streams.Permit permit = admission.permit();
    permit.holding(lease);
    exchange.addExchangeCompleteListener((done, next) -> {
      permit.release();
      next.proceed();
    });
    Runnable start = () -> start(exchange, pathVariables, permit);
    Executor executor = route.kind() == SseRoute.Kind.PUBLISHER
        ? exchange.getConnection().getWorker()
        : streamThreads::execute;
    exchange.dispatch(SameThreadExecutor.INSTANCE, () -> {
      try {
        executor.execute(start);
      } catch (RejectedExecutionException e) {
        refusals.unavailable(exchange,
            route.kind() == SseRoute.Kind.STREAM ? Refusal.NO_THREAD : Refusal.SHUTTING_DOWN,
            label);
      }
    });
  }

  private static Object clientAddress(HttpServerExchange exchange) {
    InetSocketAddress source = exchange.getSourceAddress();
    return source == null || source.getAddress() == null ? "unknown" : source.getAddress();
  }

  /** Off the I/O thread: call the endpoint, then stream its result. */
  private void start(
      HttpServerExchange exchange, Map<String, String> pathVariables, Streams.Permit permit) {
    SseResponse response;
    try {
      response = route.handler().handle(new ExchangeRequest(exchange, pathVariables));
    } catch (BadParameterException e) {
      refusals.refuse(exchange, Refusal.BAD_PARAMETER, "Bad Request: " + e.getMessage());
      return;
    } catch (SseStatusException e) {
      refusals.refuse(exchange, Refusal.ENDPOINT_STATUS, e.status(), e.getMessage());
      return;
    } catch (Exception | Error e) { // an Error too: the client must not hang
      failedBeforeFirstEvent(exchange, e);
      return;
    }
    Executor worker = exchange.getConnection().getWorker();
    SseConnection connection = new SseConnection(
        exchange, response.encoder(), label, settings, permit, heartbeatNanos);
    if (response.stream() != null) {
      new StreamDriver(response.stream(), connection, worker, label).run();
    } else {
      subscribe(exchange, response.publisher(), connection, worker);
    }
  }

  private void subscribe(HttpServerExchange exchange, Flow.Publisher<?> publisher,
      SseConnection connection, Executor worker) {
    PublisherDriver driver = new PublisherDriver(connection, worker, label);
    driver.subscribeTo(publisher);
    Throwable early = driver.open();
    if (early != null) {
      failedBeforeFirstEvent(exchange, early);
    }
  }

  private void failedBeforeFirstEvent(HttpServerExchange exchange, Throwable error) {
    ENDPOINT_THREW.log(() -> label, error);
    refusals.refuse(exchange, Refusal.ENDPOINT_ERROR, "Internal Server Error");
  }
}
