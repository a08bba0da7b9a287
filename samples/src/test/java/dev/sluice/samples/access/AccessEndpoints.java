package dev.sluice.samples.access;

import dev.sluice.SseBroadcaster;
import dev.sluice.SseEvent;
import dev.sluice.SseStatusException;
import dev.sluice.annotation.Authenticated;
import dev.sluice.annotation.LastEventId;
import dev.sluice.annotation.PathParam;
import dev.sluice.annotation.SseEndpoint;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** Endpoints that need to know who asks: required, optional, none, and per-room grants. */
public class AccessEndpoints {
  /** Who the authenticator says the client is. */
  public record User(String name) {}

  /** Times each endpoint method was called: a refused request must not reach it. */
  public final AtomicInteger calls = new AtomicInteger();

  private final Map<String, SseBroadcaster<String>> rooms = new ConcurrentHashMap<>();

  @SseEndpoint("/me")
  public Stream<String> me(@Authenticated User user) {
    calls.incrementAndGet();
    return Stream.of("hello " + user.name());
  }

  @SseEndpoint("/hello")
  public Stream<String> hello(@Authenticated Optional<User> user) {
    calls.incrementAndGet();
    return Stream.of("hello " + user.map(User::name).orElse("stranger"));
  }

  @SseEndpoint("/open")
  public Stream<String> open() {
    calls.incrementAndGet();
    return Stream.of("open to all");
  }

  /** Room {@code secret} is ada's alone: a grant the endpoint decides, as Mercure's topics. */
  @SseEndpoint("/rooms/{room}/events")
  public Flow.Publisher<SseEvent<String>> room(
      @PathParam("room") String room, @Authenticated User user, @LastEventId String lastEventId) {
    calls.incrementAndGet();
    if (room.equals("secret") && !user.name().equals("ada")) {
      throw new SseStatusException(403, "Not a member of " + room);
    }
    return room(room).subscribe(lastEventId);
  }

  public SseBroadcaster<String> room(String name) {
    return rooms.computeIfAbsent(
        name, n -> SseBroadcaster.<String>builder().history(100, Duration.ofMinutes(5)).build());
  }
}
