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
import io.undertow.util.StatusCodes;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Serves one generated route: checks the {@code Origin} (answering CORS preflights), the method,
 * {@code Accept} and the stream limits on the I/O thread, then, off it (a worker for a publisher, a
 * stream thread for a {@code Stream}), runs the route's authenticators, calls the endpoint and
 * streams what it returns. Nothing is sent, and an endpoint's broadcast replays nothing, before
 * every check has passed. The admitted stream's place is given back by the exchange's completion
 * listener, which every request that ends passes through, and by the stream's own close (Undertow
 * never completes an HTTP/2 exchange whose stream was reset).
 */
final class EndpointHandler {
  private static final System.Logger LOG = System.getLogger("dev.sluice.stream");
  private static final ThrottledLog ENDPOINT_THREW =
      new ThrottledLog(LOG, Level.ERROR, "An endpoint failed before its first event; answered 500");
  private static final ThrottledLog AUTHENTICATOR_FAILED =
      new ThrottledLog(
          System.getLogger("dev.sluice.auth"),
          Level.ERROR,
          "An authenticator failed; answered 500");
  static final String RETRY_AFTER_SECONDS = "5";
  private static final String WWW_AUTHENTICATE = "WWW-Authenticate";

  private final SseRoute route;
  private final StreamThreads streamThreads;
  private final StreamSettings settings;
  private final Refusals refusals;
  private final Http2Guard http2;
  private final long heartbeatNanos;
  private final Authentication authentication;
  private final Cors cors;

  /** Streams end gracefully at this age plus up to a tenth more; 0 for never. */
  private final long maxAgeNanos;

  /** How logs name the endpoint: its path and the method behind it. */
  private final String label;

  EndpointHandler(
      SseRoute route,
      StreamThreads streamThreads,
      StreamSettings settings,
      Refusals refusals,
      Http2Guard http2,
      Authentication authentication,
      Cors cors,
      long maxAgeNanos) {
    this.route = route;
    this.streamThreads = streamThreads;
    this.settings = settings;
    this.refusals = refusals;
    this.http2 = http2;
    this.authentication = authentication;
    this.cors = cors;
    this.maxAgeNanos = maxAgeNanos;
    this.heartbeatNanos =
        route.heartbeat() != null ? route.heartbeat().toNanos() : settings.heartbeatNanos();
    this.label = route.path() + " (" + route.method() + ")";
  }

  /** On the I/O thread. */
  void handle(HttpServerExchange exchange, Map<String, String> pathVariables) {
    // First, so that a page of another origin holds no place and opens nothing, and so that an
    // allowed page can read every answer, refusals included.
    if (cors.check(exchange) == Cors.Verdict.REFUSE) {
      refusals.refuseAndLog(
          exchange,
          Refusal.ORIGIN_NOT_ALLOWED,
          "Forbidden: pages of this origin may not open " + route.path(),
          () -> "last at " + label);
      return;
    }
    if (Cors.isPreflight(exchange)) {
      Cors.answerPreflight(exchange);
      return;
    }
    if (!exchange.getRequestMethod().equals(Methods.GET)) {
      exchange.getResponseHeaders().put(Headers.ALLOW, "GET");
      refusals.refuse(
          exchange,
          Refusal.METHOD_NOT_ALLOWED,
          "Method Not Allowed: " + route.path() + " serves GET only");
      return;
    }
    if (!Accepts.eventStream(exchange.getRequestHeaders().get(Headers.ACCEPT))) {
      refusals.refuse(
          exchange,
          Refusal.NOT_ACCEPTABLE,
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
    exchange.addExchangeCompleteListener(
        (done, next) -> {
          permit.release();
          next.proceed();
        });
    Runnable start = () -> start(exchange, pathVariables, permit);
    Executor executor =
        route.kind() == SseRoute.Kind.PUBLISHER
            ? exchange.getConnection().getWorker()
            : streamThreads::execute;
    exchange.dispatch(
        SameThreadExecutor.INSTANCE,
        () -> {
          try {
            executor.execute(start);
          } catch (RejectedExecutionException e) {
            refusals.unavailable(
                exchange,
                route.kind() == SseRoute.Kind.STREAM ? Refusal.NO_THREAD : Refusal.SHUTTING_DOWN,
                label);
          }
        });
  }

  private static Object clientAddress(HttpServerExchange exchange) {
    InetSocketAddress source = exchange.getSourceAddress();
    return source == null || source.getAddress() == null ? "unknown" : source.getAddress();
  }

  /** Off the I/O thread: authenticate, call the endpoint, then stream its result. */
  private void start(
      HttpServerExchange exchange, Map<String, String> pathVariables, Streams.Permit permit) {
    Object principal = null;
    if (!authentication.isNone()) {
      try {
        principal =
            authentication.authenticate(new AuthRequest(exchange, pathVariables, route.path()));
      } catch (BadParameterException e) {
        refusals.refuse(exchange, Refusal.BAD_PARAMETER, "Bad Request: " + e.getMessage());
        return;
      } catch (SseStatusException e) {
        refusals.refuse(
            exchange, Refusal.AUTHENTICATION_REFUSED, e.status(), messageOf(e), e.headers());
        return;
      } catch (Exception | Error e) { // an Error too: the client must not hang
        // Its message may quote the credential it rejected: the type and frames only.
        AUTHENTICATOR_FAILED.log(() -> label, Redacted.of(e));
        refusals.refuse(exchange, Refusal.AUTHENTICATION_ERROR, "Internal Server Error");
        return;
      }
      if (principal == null && authentication.required()) {
        refusals.refuse(
            exchange,
            Refusal.UNAUTHENTICATED,
            401,
            "Unauthorized: " + route.path() + " streams to signed-in clients only",
            Map.of(WWW_AUTHENTICATE, authentication.challenge()));
        return;
      }
    }
    SseResponse response;
    try {
      response = route.handler().handle(new ExchangeRequest(exchange, pathVariables, principal));
    } catch (BadParameterException e) {
      refusals.refuse(exchange, Refusal.BAD_PARAMETER, "Bad Request: " + e.getMessage());
      return;
    } catch (SseStatusException e) {
      refusals.refuse(exchange, Refusal.ENDPOINT_STATUS, e.status(), messageOf(e), e.headers());
      return;
    } catch (Exception | Error e) { // an Error too: the client must not hang
      failedBeforeFirstEvent(exchange, e);
      return;
    }
    Executor worker = exchange.getConnection().getWorker();
    SseConnection connection =
        new SseConnection(
            exchange, response.encoder(), label, settings, permit, heartbeatNanos, streamAge());
    if (response.stream() != null) {
      new StreamDriver(response.stream(), connection, worker, label).run();
    } else {
      subscribe(exchange, response.publisher(), connection, worker);
    }
  }

  /**
   * This stream's age at rotation: the configured age plus up to a tenth more, so that streams
   * opened together (after a deploy, say) do not all reconnect together.
   */
  private long streamAge() {
    return maxAgeNanos == 0
        ? 0
        : maxAgeNanos + ThreadLocalRandom.current().nextLong(maxAgeNanos / 10 + 1);
  }

  private static String messageOf(SseStatusException e) {
    return e.getMessage() != null ? e.getMessage() : StatusCodes.getReason(e.status());
  }

  private void subscribe(
      HttpServerExchange exchange,
      Flow.Publisher<?> publisher,
      SseConnection connection,
      Executor worker) {
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
