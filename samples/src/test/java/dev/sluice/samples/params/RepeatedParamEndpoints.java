package dev.sluice.samples.params;

import dev.sluice.annotation.HeaderParam;
import dev.sluice.annotation.QueryParam;
import dev.sluice.annotation.SseEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Parameters given more than once: {@code ?tag=a&tag=b}, or a header repeated. */
public class RepeatedParamEndpoints {
  public enum Level {
    LOW,
    HIGH
  }

  @SseEndpoint("/repeated")
  public Stream<String> repeated(
      @QueryParam("tag") List<String> tags,
      @QueryParam("level") Set<Level> levels,
      @QueryParam("every") List<Duration> every,
      @HeaderParam("X-Trace") List<Long> traces) {
    return Stream.of("tags " + tags, "levels " + levels, "every " + every, "traces " + traces);
  }
}
