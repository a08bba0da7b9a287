package dev.sluice.samples.production;

import dev.sluice.SseBroadcaster;
import dev.sluice.SseEvent;
import dev.sluice.annotation.SseEndpoint;
import java.util.concurrent.Flow;

/** A broadcast under the server's stream limit, and one with a limit of its own. */
public class LimitEndpoints {
  final SseBroadcaster<String> news = SseBroadcaster.create();

  @SseEndpoint("/production/limits/any")
  public Flow.Publisher<SseEvent<String>> any() {
    return news.subscribe(null);
  }

  @SseEndpoint(value = "/production/limits/two", maxStreams = 2)
  public Flow.Publisher<SseEvent<String>> two() {
    return news.subscribe(null);
  }
}
