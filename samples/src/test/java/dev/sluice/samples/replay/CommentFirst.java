package dev.sluice.samples.replay;

import dev.sluice.SseEvent;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A user's Flow operator, as an application might write one: a comment first, then every event of
 * the upstream publisher unchanged. It stands between a broadcaster and the endpoint, which is the
 * case the broadcast's fast path must not depend on.
 */
final class CommentFirst<T> implements Flow.Publisher<SseEvent<T>> {
  private final Flow.Publisher<SseEvent<T>> upstream;
  private final String comment;

  CommentFirst(Flow.Publisher<SseEvent<T>> upstream, String comment) {
    this.upstream = upstream;
    this.comment = comment;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super SseEvent<T>> downstream) {
    upstream.subscribe(
        new Flow.Subscriber<SseEvent<T>>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            AtomicBoolean commented = new AtomicBoolean();
            downstream.onSubscribe(
                new Flow.Subscription() {
                  @Override
                  public void request(long n) {
                    long rest = n;
                    if (n > 0 && commented.compareAndSet(false, true)) {
                      // Upstream has been asked for nothing yet, so this onNext races with no
                      // other.
                      downstream.onNext(SseEvent.<T>builder().comment(comment).build());
                      rest--;
                    }
                    if (rest > 0 || n <= 0) {
                      subscription.request(rest);
                    }
                  }

                  @Override
                  public void cancel() {
                    subscription.cancel();
                  }
                });
          }

          @Override
          public void onNext(SseEvent<T> item) {
            downstream.onNext(item);
          }

          @Override
          public void onError(Throwable throwable) {
            downstream.onError(throwable);
          }

          @Override
          public void onComplete() {
            downstream.onComplete();
          }
        });
  }
}
