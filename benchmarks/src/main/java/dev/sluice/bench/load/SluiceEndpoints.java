package dev.sluice.bench.load;

import dev.sluice.SseBroadcaster;
import dev.sluice.SseEvent;
import dev.sluice.annotation.LastEventId;
import dev.sluice.annotation.QueryParam;
import dev.sluice.annotation.SseEndpoint;
import java.util.concurrent.Flow;

/** The benchmark's streams on Sluice, compiled by its processor like any application's. */
public class SluiceEndpoints {
  /** The first event of {@code /fanout-wrapped}, a comment: ": subscribed". */
  static final String SUBSCRIBED = "subscribed";

  final SseBroadcaster<String> broadcaster = SseBroadcaster.create();
  final SseBroadcaster<Quote> quotes = SseBroadcaster.create();

  /** {@code n} events of 64 bytes, as fast as the client reads them, then the end. */
  @SseEndpoint("/burst")
  public Flow.Publisher<String> burst(@QueryParam("n") int n) {
    return new BurstPublisher(n);
  }

  /** Every event published from now on (or after the given id). */
  @SseEndpoint("/fanout")
  public Flow.Publisher<SseEvent<String>> fanout(@LastEventId String lastEventId) {
    return broadcaster.subscribe(lastEventId);
  }

  /** As {@code /fanout}, through a user's operator that sends a comment first. */
  @SseEndpoint("/fanout-wrapped")
  public Flow.Publisher<SseEvent<String>> fanoutWrapped(@LastEventId String lastEventId) {
    return CommentFirst.wrap(broadcaster.subscribe(lastEventId), SUBSCRIBED);
  }

  /** Every quote published from now on, as JSON. */
  @SseEndpoint("/fanout-json")
  public Flow.Publisher<SseEvent<Quote>> fanoutJson(@LastEventId String lastEventId) {
    return quotes.subscribe(lastEventId);
  }
}
