package dev.sluice.samples.production;

import dev.sluice.SlowClientPolicy;
import dev.sluice.SseBroadcaster;
import dev.sluice.SseEvent;
import dev.sluice.annotation.SseEndpoint;
import java.time.Duration;
import java.util.concurrent.Flow;

/** A broadcast that cuts off a subscriber 100 events behind for half a second. */
public class SlowClientEndpoints {
  final SseBroadcaster<String> feed =
      SseBroadcaster.<String>builder()
          .slowClients(SlowClientPolicy.disconnect(100, Duration.ofMillis(500)))
          .build();

  @SseEndpoint("/production/slow/feed")
  public Flow.Publisher<SseEvent<String>> feed() {
    return feed.subscribe(null);
  }
}
