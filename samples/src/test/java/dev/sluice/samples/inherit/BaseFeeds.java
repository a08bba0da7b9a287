package dev.sluice.samples.inherit;

import dev.sluice.annotation.PathParam;
import dev.sluice.annotation.SseEndpoint;
import java.util.stream.Stream;

/** An abstract class with an endpoint of its own and an abstract one. */
public abstract class BaseFeeds implements Greetings {
  @SseEndpoint("/inherited/base")
  public Stream<String> base() {
    return Stream.of("base");
  }

  @SseEndpoint("/inherited/abstract/{n}")
  public abstract Stream<String> numbered(@PathParam("n") int n);
}
