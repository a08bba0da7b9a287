package dev.sluice.test;

import dev.sluice.annotation.SseEndpoint;
import java.util.stream.Stream;

/** Test endpoints with the public no-argument constructor that {@code @SluiceTest} needs. */
public class GreetingEndpoints {
  @SseEndpoint("/greetings")
  public Stream<Greeting> greetings() {
    return Stream.of(new Greeting("hello"), new Greeting("world"));
  }
}
