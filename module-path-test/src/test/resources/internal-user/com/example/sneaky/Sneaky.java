package com.example.sneaky;

import dev.sluice.internal.encode.JacksonEncoders;

/** Reaches for the runtime's internals, which its module does not export. */
public final class Sneaky {
  private Sneaky() {}

  public static Object encoders() {
    return JacksonEncoders.class;
  }
}
