package dev.sluice.samples.inherit;

import java.util.stream.Stream;

/** No Sluice annotation at all: every endpoint is inherited, and two are overridden. */
public class LeafFeeds extends BaseFeeds {
  @Override
  public Stream<String> base() {
    return Stream.of("overridden");
  }

  @Override
  public Stream<String> numbered(int n) {
    return Stream.of("number " + n);
  }
}
