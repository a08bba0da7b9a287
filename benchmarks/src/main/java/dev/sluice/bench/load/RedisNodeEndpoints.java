package dev.sluice.bench.load;

import dev.sluice.SseBroadcaster;
import dev.sluice.SseEvent;
import dev.sluice.annotation.LastEventId;
import dev.sluice.annotation.SseEndpoint;
import java.util.concurrent.Flow;

/** One node of the cross-node benchmark: {@code /node-fanout}, on a broadcaster given to it. */
public class RedisNodeEndpoints {
  final SseBroadcaster<String> broadcaster;

  RedisNodeEndpoints(SseBroadcaster<String> broadcaster) {
    this.broadcaster = broadcaster;
  }

  /** Every event published on any node from now on (or after the given id). */
  @SseEndpoint("/node-fanout")
  public Flow.Publisher<SseEvent<String>> fanout(@LastEventId String lastEventId) {
    return broadcaster.subscribe(lastEventId);
  }
}
