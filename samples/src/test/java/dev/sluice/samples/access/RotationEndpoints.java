package dev.sluice.samples.access;

import dev.sluice.SseBroadcaster;
import dev.sluice.SseEvent;
import dev.sluice.annotation.LastEventId;
import dev.sluice.annotation.SseEndpoint;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.Flow;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** A broadcast, and a {@code Stream} that never ends on its own: both only end by rotation. */
public class RotationEndpoints {
  public final SseBroadcaster<String> feed = SseBroadcaster.create();

  @SseEndpoint("/rotation/feed")
  public Flow.Publisher<SseEvent<String>> feed(@LastEventId String lastEventId) {
    return feed.subscribe(lastEventId);
  }

  /** One "tick" every 50 ms until its thread is interrupted, when it ends quietly. */
  @SseEndpoint("/rotation/ticks")
  public Stream<String> ticks() {
    Iterator<String> ticks =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            try {
              Thread.sleep(50);
              return true;
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return false;
            }
          }

          @Override
          public String next() {
            return "tick";
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(ticks, Spliterator.ORDERED), false);
  }
}
