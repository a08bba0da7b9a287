package dev.sluice.processor;

/** How an endpoint's elements are written, named after the {@code SseEncoders} method. */
enum Encoding {
  /** {@code String} elements. */
  TEXT("text"),
  /** Any other element, written as JSON. */
  JSON("json"),
  /** {@code SseEvent<String>} elements. */
  TEXT_EVENTS("textEvents"),
  /** {@code SseEvent<Y>} elements for any other Y, whose data is written as JSON. */
  JSON_EVENTS("jsonEvents");

  private final String encodersMethod;

  Encoding(String encodersMethod) {
    this.encodersMethod = encodersMethod;
  }

  String encodersMethod() {
    return encodersMethod;
  }

  /** Whether the encoder needs the payload's type, as a class literal or a TypeReference. */
  boolean needsPayloadType() {
    return this == JSON || this == JSON_EVENTS;
  }
}
