package dev.sluice.internal.admit;

import dev.sluice.SseStats.Refusal;
import dev.sluice.internal.log.ThrottledLog;
import dev.sluice.internal.refuse.Refusals;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The last check on the I/O thread, and the hop off it: the rest (authenticators, the endpoint, its
 * publisher or blocking source) is user code, which runs on a worker for a publisher endpoint and
 * on a thread of its own for a {@code Stream} endpoint. A pool that refuses the task refuses the
 * request: 503, no thread free, or the server is shutting down.
 */
final class Dispatch extends AdmissionStep {
  private static final ThrottledLog UNANSWERED =
      new ThrottledLog(
          System.getLogger("dev.sluice.server"),
          Level.ERROR,
          "A request failed on its way to its endpoint; answered 500");

  private final Executor executor;
  private final Refusal whenRefused;
  private final Refusals refusals;
  private final String label;

  /**
   * @param executor where the rest runs; null for the exchange's worker pool
   * @param whenRefused what a refused task is counted as
   */
  Dispatch(
      Executor executor, Refusal whenRefused, Refusals refusals, String label, AdmissionStep next) {
    super(next);
    this.executor = executor;
    this.whenRefused = whenRefused;
    this.refusals = refusals;
    this.label = label;
  }

  /** Goes on on another thread: never now. */
  @Override
  boolean admits(EndpointRequest request) {
    HttpServerExchange exchange = request.exchange();
    Executor thread = executor != null ? executor : exchange.getConnection().getWorker();
    exchange.dispatch(
        SameThreadExecutor.INSTANCE,
        () -> {
          try {
            thread.execute(() -> run(request));
          } catch (RejectedExecutionException e) {
            refusals.unavailable(exchange, whenRefused, label);
          }
        });
    return false;
  }

  private void run(EndpointRequest request) {
    try {
      pass(request);
    } catch (RuntimeException | Error e) { // the steps after this one answer failures themselves
      UNANSWERED.log(() -> label, e);
      refusals.refuse(request.exchange(), Refusal.ENDPOINT_ERROR, "Internal Server Error");
    }
  }
}
