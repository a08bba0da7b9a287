package dev.sluice.bench.load;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Publishes {@code n} burst events, then completes, never more than requested (rule 1.1): what the
 * Sluice server streams for {@code /burst}. Events go out inside {@code request}, as soon as they
 * are asked for. Signals are serialized by a drain loop, so a {@code request} from inside {@code
 * onNext} does not recurse (rule 3.3).
 */
public final class BurstPublisher implements Flow.Publisher<String> {
  private final long n;
  private final LongFunction<String> payload;

  BurstPublisher(long n) {
    this(n, Payloads::burst);
  }

  /** {@code n} events (never ending with {@code Long.MAX_VALUE}), event i being payload(i). */
  public BurstPublisher(long n, LongFunction<String> payload) {
    this.n = n;
    this.payload = payload;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super String> subscriber) {
    Burst burst = new Burst(subscriber, n, payload);
    subscriber.onSubscribe(burst);
    burst.drain(); // n = 0 completes at once
  }

  private static final class Burst implements Flow.Subscription {
    private final Flow.Subscriber<? super String> subscriber;
    private final long n;
    private final LongFunction<String> payload;
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean cancelled;
    private long next; // drain loop only
    private boolean completed; // drain loop only

    Burst(Flow.Subscriber<? super String> subscriber, long n, LongFunction<String> payload) {
      this.subscriber = subscriber;
      this.n = n;
      this.payload = payload;
    }

    @Override
    public void request(long count) {
      if (count <= 0) {
        cancelled = true;
        subscriber.onError(new IllegalArgumentException("rule 3.9: request " + count));
        return;
      }
      requested.getAndAccumulate(count, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
      drain();
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    void drain() {
      if (wip.getAndIncrement() != 0) {
        return;
      }
      int missed = 1;
      do {
        emit();
        missed = wip.addAndGet(-missed);
      } while (missed != 0);
    }

    private void emit() {
      while (!cancelled && !completed) {
        if (next == n) {
          completed = true;
          subscriber.onComplete();
          return;
        }
        if (requested.get() == 0) {
          return;
        }
        requested.decrementAndGet();
        subscriber.onNext(payload.apply(next++));
      }
    }
  }
}
