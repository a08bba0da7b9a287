package dev.sluice.test;

import dev.sluice.annotation.SseEndpoint;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/** One endpoint of each kind that needs no reactive library: a Flow.Publisher and a Stream. */
public class PlainPublisherEndpoints {
  @SseEndpoint("/published")
  public Flow.Publisher<String> published() {
    // Sluice calls request and cancel one at a time, so the flag needs no more than that.
    return subscriber ->
        subscriber.onSubscribe(
            new Flow.Subscription() {
              private boolean done;

              @Override
              public void request(long n) {
                if (!done) {
                  done = true;
                  subscriber.onNext("published");
                  subscriber.onComplete();
                }
              }

              @Override
              public void cancel() {
                done = true;
              }
            });
  }

  @SseEndpoint("/streamed")
  public Stream<String> streamed() {
    return Stream.of("streamed");
  }
}
