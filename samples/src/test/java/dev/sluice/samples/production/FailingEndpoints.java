package dev.sluice.samples.production;

import dev.sluice.SseBroadcaster;
import dev.sluice.SseEvent;
import dev.sluice.annotation.SseEndpoint;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/** A publisher and a stream that fail after two items, and a broadcast beside them. */
public class FailingEndpoints {
  final SseBroadcaster<String> bystander = SseBroadcaster.create();

  @SseEndpoint("/production/errors/publisher")
  public Flow.Publisher<String> failingPublisher() {
    List<String> items = List.of("one", "two");
    return subscriber ->
        subscriber.onSubscribe(
            new Flow.Subscription() {
              private int next;
              private boolean done;

              @Override
              public synchronized void request(long n) {
                for (long i = 0; i < n && next < items.size() && !done; i++) {
                  subscriber.onNext(items.get(next++));
                }
                if (next == items.size() && !done) {
                  done = true;
                  subscriber.onError(new IllegalStateException("the feed broke after two items"));
                }
              }

              @Override
              public synchronized void cancel() {
                done = true;
              }
            });
  }

  @SseEndpoint("/production/errors/stream")
  public Stream<String> failingStream() {
    return Stream.of("one", "two", "three")
        .map(
            item -> {
              if (item.equals("three")) {
                throw new IllegalStateException("the feed broke after two items");
              }
              return item;
            });
  }

  @SseEndpoint("/production/errors/bystander")
  public Flow.Publisher<SseEvent<String>> bystander() {
    return bystander.subscribe(null);
  }
}
