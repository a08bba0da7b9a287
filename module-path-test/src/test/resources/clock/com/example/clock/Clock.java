package com.example.clock;

import dev.sluice.SseBroadcaster;
import dev.sluice.SseEvent;
import dev.sluice.annotation.LastEventId;
import dev.sluice.annotation.PathParam;
import dev.sluice.annotation.SseEndpoint;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/** A broadcast of records as JSON, and a stream of a generic type (a TypeReference). */
public class Clock {
  public record Tick(long n) {}

  private final SseBroadcaster<Tick> ticks;

  public Clock(SseBroadcaster<Tick> ticks) {
    this.ticks = ticks;
  }

  @SseEndpoint("/ticks")
  public Flow.Publisher<SseEvent<Tick>> ticks(@LastEventId String lastEventId) {
    return ticks.subscribe(lastEventId);
  }

  @SseEndpoint("/greetings/{name}")
  public Stream<List<String>> greetings(@PathParam("name") String name) {
    return Stream.of(List.of("hello", name));
  }
}
