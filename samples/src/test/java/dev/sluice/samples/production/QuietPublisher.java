package dev.sluice.samples.production;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/** Sends one item to each subscriber, then stays silent until cancelled; counts both. */
final class QuietPublisher implements Flow.Publisher<String> {
  final AtomicInteger subscribed = new AtomicInteger();
  final AtomicInteger cancelled = new AtomicInteger();
  private final String first;

  QuietPublisher(String first) {
    this.first = first;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super String> subscriber) {
    subscribed.incrementAndGet();
    subscriber.onSubscribe(
        new Flow.Subscription() {
          private boolean sent;
          private boolean done;

          @Override
          public synchronized void request(long n) {
            if (!sent && !done) {
              sent = true;
              subscriber.onNext(first);
            }
          }

          @Override
          public synchronized void cancel() {
            if (!done) {
              done = true;
              cancelled.incrementAndGet();
            }
          }
        });
  }
}
