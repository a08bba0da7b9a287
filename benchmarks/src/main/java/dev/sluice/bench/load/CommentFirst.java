package dev.sluice.bench.load;

import dev.sluice.SseEvent;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small Flow operator of the kind an application writes around a broadcaster's subscription: one
 * comment event first, then every upstream event unchanged; {@code request} and {@code cancel} go
 * upstream. It stands in for any user wrapping, to measure what the runtime's broadcast path costs
 * when what it is given is not the broadcaster's own subscription.
 *
 * <p>The comment takes one of the first demand, inside that {@code request} call and before any
 * demand goes upstream, so upstream cannot signal {@code onNext} while it is going out. A terminal
 * signal can arrive then; it is left for the thread sending the comment to deliver after it (rule
 * 1.3: signals in order, never concurrently). Events pass with no more than a call.
 */
final class CommentFirst<T> implements Flow.Subscriber<SseEvent<T>>, Flow.Subscription {
  private static final int PENDING = 0;
  private static final int SENDING = 1;
  private static final int DONE = 2;

  private final Flow.Subscriber<? super SseEvent<T>> downstream;
  private final SseEvent<T> comment;
  private final AtomicInteger commentState = new AtomicInteger(PENDING);
  private Flow.Subscription upstream; // set in onSubscribe, before downstream can ask for any

  /** A terminal signal that came while the comment was going out. */
  private volatile Runnable terminal;

  private CommentFirst(Flow.Subscriber<? super SseEvent<T>> downstream, SseEvent<T> comment) {
    this.downstream = downstream;
    this.comment = comment;
  }

  /** {@code upstream}, with a comment of {@code text} before its first event. */
  static <T> Flow.Publisher<SseEvent<T>> wrap(Flow.Publisher<SseEvent<T>> upstream, String text) {
    SseEvent<T> comment = SseEvent.<T>builder().comment(text).build();
    return subscriber ->
        upstream.subscribe(
            new CommentFirst<>(Objects.requireNonNull(subscriber, "subscriber"), comment));
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    upstream = subscription;
    downstream.onSubscribe(this);
  }

  @Override
  public void request(long n) {
    long rest = n;
    if (n > 0 && commentState.get() == PENDING && commentState.compareAndSet(PENDING, SENDING)) {
      downstream.onNext(comment);
      rest = n - 1;
      if (!commentState.compareAndSet(SENDING, DONE)) {
        terminal.run(); // it came meanwhile, and left itself for us
        return;
      }
    }
    if (rest != 0) {
      upstream.request(rest); // n <= 0 too: upstream signals the error (rule 3.9)
    }
  }

  @Override
  public void cancel() {
    upstream.cancel();
  }

  @Override
  public void onNext(SseEvent<T> event) {
    downstream.onNext(event);
  }

  @Override
  public void onError(Throwable error) {
    terminate(() -> downstream.onError(error));
  }

  @Override
  public void onComplete() {
    terminate(downstream::onComplete);
  }

  /** Delivers {@code signal} now, unless the comment is going out: then after it. */
  private void terminate(Runnable signal) {
    terminal = signal; // before the state changes, so that the sender sees it
    if (commentState.getAndSet(DONE) != SENDING) {
      signal.run();
    }
  }
}
