package dev.sluice.samples.named;

import dev.sluice.annotation.SseEventName;

/** What a chat room streams: each subtype is its own event type on the wire. */
public sealed interface ChatEvent permits ChatEvent.Joined, ChatEvent.Said, ChatEvent.Left {
  @SseEventName("joined")
  record Joined(String user) implements ChatEvent {}

  @SseEventName("said")
  record Said(String user, String text) implements ChatEvent {}

  @SseEventName("left")
  record Left(String user, String reason) implements ChatEvent {}
}
