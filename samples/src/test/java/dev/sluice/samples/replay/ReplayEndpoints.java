package dev.sluice.samples.replay;

import dev.sluice.SseBroadcaster;
import dev.sluice.SseEvent;
import dev.sluice.annotation.LastEventId;
import dev.sluice.annotation.SseEndpoint;
import java.util.concurrent.Flow;

/**
 * Two broadcasts for the replay tests: one with a long history (bare, and behind a user's
 * operator), one with a short one.
 */
public class ReplayEndpoints {
  private final SseBroadcaster<String> feed;
  private final SseBroadcaster<String> shortFeed;

  public ReplayEndpoints(SseBroadcaster<String> feed, SseBroadcaster<String> shortFeed) {
    this.feed = feed;
    this.shortFeed = shortFeed;
  }

  @SseEndpoint("/replay/feed")
  public Flow.Publisher<SseEvent<String>> feed(@LastEventId String lastEventId) {
    return feed.subscribe(lastEventId);
  }

  /** As {@code /replay/feed}, through a user's operator that sends a comment first. */
  @SseEndpoint("/replay/feed-through-operator")
  public Flow.Publisher<SseEvent<String>> feedThroughOperator(@LastEventId String lastEventId) {
    return new CommentFirst<>(feed.subscribe(lastEventId), "subscribed");
  }

  @SseEndpoint("/replay/short")
  public Flow.Publisher<SseEvent<String>> shortFeed(@LastEventId String lastEventId) {
    return shortFeed.subscribe(lastEventId);
  }
}
