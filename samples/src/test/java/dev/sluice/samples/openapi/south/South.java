package dev.sluice.samples.openapi.south;

import dev.sluice.annotation.SseEndpoint;
import java.util.stream.Stream;

/** A {@code Point} unlike {@link dev.sluice.samples.openapi.north.North}'s. */
public class South {
  public record Point(String name, double latitude, double longitude) {}

  @SseEndpoint("/south")
  public Stream<Point> points() {
    return Stream.of(new Point("pole", -90, 0));
  }
}
