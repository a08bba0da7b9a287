package dev.sluice.test;

import dev.sluice.annotation.SseEndpoint;
import java.util.stream.Stream;

/** Test endpoints built with an argument, as the field form allows. */
public class RoomEndpoints {
  private final String room;

  public RoomEndpoints(String room) {
    this.room = room;
  }

  @SseEndpoint("/room")
  public Stream<String> room() {
    return Stream.of("welcome to " + room);
  }
}
