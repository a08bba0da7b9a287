package dev.sluice.client;

import java.util.concurrent.Flow;

/** Emits one item at the first request, then nothing until it is cancelled. */
final class FirstThenSilence implements Flow.Publisher<String> {
  private final String first;

  FirstThenSilence(String first) {
    this.first = first;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super String> subscriber) {
    subscriber.onSubscribe(
        new Flow.Subscription() {
          private boolean sent;

          @Override
          public synchronized void request(long n) {
            if (!sent) {
              sent = true;
              subscriber.onNext(first);
            }
          }

          @Override
          public void cancel() {}
        });
  }
}
