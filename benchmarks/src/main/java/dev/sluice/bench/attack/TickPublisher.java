package dev.sluice.bench.attack;

import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An event every {@code periodMillis}, numbered 0, 1, 2... per subscriber, for as long as it stays
 * subscribed. A tick that finds no demand is skipped, not queued, and takes no number: the reader
 * sees every number, so a gap in numbers would be an event lost by the server.
 *
 * <p>Every signal comes from the one ticker thread, so they are serial (rule 1.3).
 */
final class TickPublisher implements Flow.Publisher<String> {
  private final ScheduledExecutorService ticker;
  private final long periodMillis;

  TickPublisher(ScheduledExecutorService ticker, long periodMillis) {
    this.ticker = ticker;
    this.periodMillis = periodMillis;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super String> subscriber) {
    Ticks ticks = new Ticks(subscriber, ticker);
    subscriber.onSubscribe(ticks);
    ticks.start(periodMillis);
  }

  private static final class Ticks implements Flow.Subscription {
    private final Flow.Subscriber<? super String> subscriber;
    private final ScheduledExecutorService ticker;
    private final AtomicLong requested = new AtomicLong();
    private volatile ScheduledFuture<?> schedule;
    private volatile boolean cancelled;
    private long next; // ticker thread only

    Ticks(Flow.Subscriber<? super String> subscriber, ScheduledExecutorService ticker) {
      this.subscriber = subscriber;
      this.ticker = ticker;
    }

    void start(long periodMillis) {
      schedule =
          ticker.scheduleAtFixedRate(this::tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
      if (cancelled) {
        schedule.cancel(false); // cancelled inside onSubscribe, before there was a schedule
      }
    }

    private void tick() {
      if (cancelled) {
        schedule.cancel(false);
        return;
      }
      if (requested.get() > 0) {
        requested.decrementAndGet();
        subscriber.onNext(Long.toString(next++));
      }
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        cancel();
        ticker.execute(
            () -> subscriber.onError(new IllegalArgumentException("rule 3.9: request " + n)));
        return;
      }
      requested.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
    }

    @Override
    public void cancel() {
      cancelled = true;
      ScheduledFuture<?> s = schedule;
      if (s != null) {
        s.cancel(false);
      }
    }
  }
}
