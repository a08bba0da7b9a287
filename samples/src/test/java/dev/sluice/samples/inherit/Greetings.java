package dev.sluice.samples.inherit;

import dev.sluice.annotation.QueryParam;
import dev.sluice.annotation.SseEndpoint;
import java.util.stream.Stream;

/** Endpoints an interface declares, one a default method. */
public interface Greetings {
  @SseEndpoint("/inherited/default")
  default Stream<String> hello(@QueryParam("name") String name) {
    return Stream.of("hello " + name + " from the interface");
  }
}
