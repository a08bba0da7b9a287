package dev.sluice.bench.load;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The control routes both servers share, as plain Undertow handlers: {@code /publish} starts
 * publishing fan-out events at a rate, {@code /heap} reports the live heap, {@code /stats} what the
 * server counts. Identical on both sides, so they add the same cost to each.
 */
final class Control {
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "publisher");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicReference<ScheduledFuture<?>> running = new AtomicReference<>();

  /** Events published; numbers continue from one {@code /publish} to the next. */
  private final AtomicLong published = new AtomicLong();

  /**
   * {@code GET /publish?rate=R&count=C}: publishes the next C events, R a second, each through
   * {@code publishOne} (given the sequence number) on one publisher thread. Answers at once.
   */
  HttpHandler publish(LongConsumer publishOne) {
    return exchange -> {
      long rate = Math.max(1, longParam(exchange, "rate", 20));
      long count = longParam(exchange, "count", 100);
      long end = published.get() + count;
      Runnable tick =
          () -> {
            long next = published.get();
            if (next < end) {
              published.set(next + 1); // one ticker thread: no race
              publishOne.accept(next);
            } else {
              throw new IllegalStateException("done"); // ends the fixed-rate schedule
            }
          };
      ScheduledFuture<?> future =
          ticker.scheduleAtFixedRate(tick, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
      ScheduledFuture<?> previous = running.getAndSet(future);
      if (previous != null) {
        previous.cancel(false);
      }
      text(exchange, "publishing " + count + " at " + rate + "/s");
    };
  }

  /** {@code GET /heap}: the heap in use after a few full collections, in bytes. */
  static HttpHandler heap() {
    return exchange -> {
      if (exchange.isInIoThread()) {
        exchange.dispatch(heap()); // System.gc() blocks; not on an I/O thread
        return;
      }
      Runtime runtime = Runtime.getRuntime();
      for (int i = 0; i < 3; i++) {
        System.gc();
      }
      text(exchange, Long.toString(runtime.totalMemory() - runtime.freeMemory()));
    };
  }

  /** {@code GET /stats}: whatever {@code stats} says, such as "subscribers failures". */
  static HttpHandler stats(Supplier<String> stats) {
    return exchange -> text(exchange, stats.get());
  }

  static long longParam(HttpServerExchange exchange, String name, long otherwise) {
    Deque<String> values = exchange.getQueryParameters().get(name);
    return values == null || values.isEmpty() ? otherwise : Long.parseLong(values.getFirst());
  }

  private static void text(HttpServerExchange exchange, String body) {
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
    exchange.getResponseSender().send(body);
  }
}
