package dev.sluice.client;

import dev.sluice.annotation.SseEventName;

/** A sealed stream element: the server names each event after its subtype. */
public sealed interface ChatEvent permits ChatEvent.Joined, ChatEvent.Said, ChatEvent.Left {
  @SseEventName("joined")
  record Joined(String user) implements ChatEvent {}

  @SseEventName("said")
  record Said(String user, String text) implements ChatEvent {}

  @SseEventName("left")
  record Left(String user) implements ChatEvent {}
}
