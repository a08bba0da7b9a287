package dev.sluice.samples.production;

import dev.sluice.test.SluiceExtension;

/** How the production tests serve their endpoints: as any test does, read by an SseLoadClient. */
final class Servers {
  private Servers() {}

  /**
   * {@link SluiceExtension#serving} these endpoints, with an {@link SseLoadClient} for each server
   * it starts, closed before it: a test gets it as a parameter, or from {@code
   * sluice.client(SseLoadClient.class)} after settings of its own.
   */
  static SluiceExtension serving(Object endpoints) {
    return SluiceExtension.serving(endpoints)
        .client(SseLoadClient.class, base -> new SseLoadClient(base.getPort()));
  }
}
