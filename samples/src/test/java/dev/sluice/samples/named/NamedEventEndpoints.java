package dev.sluice.samples.named;

import dev.sluice.SseBroadcaster;
import dev.sluice.SseEvent;
import dev.sluice.annotation.LastEventId;
import dev.sluice.annotation.SseEndpoint;
import dev.sluice.annotation.SseEventName;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/** Events named by their data's type, bare, in an {@code SseEvent}, and through a broadcaster. */
public class NamedEventEndpoints {
  /** A type named on its own, not part of a sealed hierarchy. */
  @SseEventName("tick")
  public record Tick(long n) {}

  final SseBroadcaster<ChatEvent> room = SseBroadcaster.<ChatEvent>builder().build();

  @SseEndpoint("/named/ticks")
  public Stream<Tick> ticks() {
    return Stream.of(new Tick(1), new Tick(2));
  }

  @SseEndpoint("/named/chat")
  public Stream<ChatEvent> chat() {
    return Stream.of(
        new ChatEvent.Joined("ada"),
        new ChatEvent.Said("ada", "hello"),
        new ChatEvent.Left("ada", "bye"));
  }

  @SseEndpoint("/named/chat-events")
  public Stream<SseEvent<? extends ChatEvent>> chatEvents() {
    return Stream.of(
        SseEvent.builder().data(new ChatEvent.Joined("bob")).id("1").build(),
        SseEvent.builder().data(new ChatEvent.Said("bob", "hi")).event("custom").build(),
        SseEvent.<ChatEvent>builder().comment("no data, no name").build());
  }

  @SseEndpoint("/named/room")
  public Flow.Publisher<SseEvent<ChatEvent>> room(@LastEventId String lastEventId) {
    return room.subscribe(lastEventId);
  }

  @SseEndpoint("/named/shapes")
  public Stream<Shape> shapes() {
    return Stream.of(new Shape.Circle(1.5), new Shape.Square(2));
  }
}
