package dev.sluice.samples;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;

/**
 * Emits its items as demand allows, then completes, or fails with {@code error} when given; with
 * {@code hang} it emits its items and then stays silent until cancelled.
 */
final class ListPublisher<T> implements Flow.Publisher<T> {
  final CountDownLatch cancelled = new CountDownLatch(1);
  private final List<T> items;
  private final RuntimeException error;
  private final boolean hang;

  ListPublisher(List<T> items, RuntimeException error, boolean hang) {
    this.items = items;
    this.error = error;
    this.hang = hang;
  }

  static <T> ListPublisher<T> of(List<T> items) {
    return new ListPublisher<>(items, null, false);
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> subscriber) {
    subscriber.onSubscribe(
        new Flow.Subscription() {
          private int next;
          private boolean done;

          @Override
          public synchronized void request(long n) {
            for (long i = 0; i < n && next < items.size() && !done; i++) {
              subscriber.onNext(items.get(next++));
            }
            if (next == items.size() && !done && !hang) {
              done = true;
              if (error != null) {
                subscriber.onError(error);
              } else {
                subscriber.onComplete();
              }
            }
          }

          @Override
          public void cancel() {
            done = true;
            cancelled.countDown();
          }
        });
  }
}
