package dev.sluice.samples.openapi.north;

import dev.sluice.annotation.SseEndpoint;
import java.util.stream.Stream;

/** A {@code Point} of its own, which {@link dev.sluice.samples.openapi.south.South} also has. */
public class North {
  public record Point(int x, int y) {}

  @SseEndpoint("/north")
  public Stream<Point> points() {
    return Stream.of(new Point(1, 2));
  }
}
