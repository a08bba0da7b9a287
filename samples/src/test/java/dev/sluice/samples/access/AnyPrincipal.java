package dev.sluice.samples.access;

import dev.sluice.annotation.Authenticated;
import dev.sluice.annotation.SseEndpoint;
import java.util.stream.Stream;

/** An endpoint whose principal every authenticator could provide. */
public class AnyPrincipal {
  @SseEndpoint("/who")
  public Stream<String> who(@Authenticated Object who) {
    return Stream.of(who.toString());
  }
}
