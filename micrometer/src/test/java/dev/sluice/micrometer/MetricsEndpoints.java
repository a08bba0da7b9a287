package dev.sluice.micrometer;

import dev.sluice.annotation.PathParam;
import dev.sluice.annotation.SseEndpoint;
import java.util.concurrent.Flow;

/** Streams that stay open after their first event, so that the test can count them. */
public class MetricsEndpoints {
  @SseEndpoint(value = "/rooms/{room}", heartbeat = "PT0.05S")
  public Flow.Publisher<String> room(@PathParam("room") String room) {
    return subscriber ->
        subscriber.onSubscribe(
            new Flow.Subscription() {
              private boolean sent;

              @Override
              public synchronized void request(long n) {
                if (!sent) {
                  sent = true;
                  subscriber.onNext("welcome to " + room);
                }
              }

              @Override
              public void cancel() {}
            });
  }
}
