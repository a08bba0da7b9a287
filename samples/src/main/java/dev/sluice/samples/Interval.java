package dev.sluice.samples;

import java.time.Duration;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * A {@code Flow.Publisher} that emits {@code item(0)}, {@code item(1)}, ... at a fixed rate from a
 * shared scheduler, honouring demand (a tick with no demand is skipped, not queued) and stopping
 * its timer on cancel. Enough for a demo; an application would use its reactive library.
 */
final class Interval<T> implements Flow.Publisher<T> {
  private final ScheduledExecutorService scheduler;
  private final Duration period;
  private final LongFunction<T> item;

  Interval(ScheduledExecutorService scheduler, Duration period, LongFunction<T> item) {
    this.scheduler = scheduler;
    this.period = period;
    this.item = item;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> subscriber) {
    subscriber.onSubscribe(new Ticks(subscriber));
  }

  private final class Ticks implements Flow.Subscription {
    private final Flow.Subscriber<? super T> subscriber;
    private final AtomicLong demand = new AtomicLong();
    private long next;
    private volatile ScheduledFuture<?> timer;
    private volatile boolean cancelled;

    Ticks(Flow.Subscriber<? super T> subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        cancel();
        subscriber.onError(new IllegalArgumentException("request must be positive (rule 3.9)"));
        return;
      }
      demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
      if (timer == null && !cancelled) {
        synchronized (this) {
          if (timer == null) {
            timer =
                scheduler.scheduleAtFixedRate(
                    this::tick, 0, period.toNanos(), TimeUnit.NANOSECONDS);
          }
        }
      }
    }

    /** On the scheduler's thread; ticks of one subscription never overlap. */
    private void tick() {
      if (!cancelled && demand.get() > 0) {
        demand.decrementAndGet();
        subscriber.onNext(item.apply(next++));
      }
    }

    @Override
    public void cancel() {
      cancelled = true;
      synchronized (this) {
        if (timer != null) {
          timer.cancel(false);
        }
      }
    }
  }
}
