package dev.sluice.processor;

/** What an endpoint returns, which decides how the runtime drives it. */
enum ReturnKind {
  PUBLISHER("java.util.concurrent.Flow.Publisher", "publisher"),
  STREAM("java.util.stream.Stream", "stream");

  private final String qualifiedName;
  private final String factoryMethod;

  ReturnKind(String qualifiedName, String factoryMethod) {
    this.qualifiedName = qualifiedName;
    this.factoryMethod = factoryMethod;
  }

  String qualifiedName() {
    return qualifiedName;
  }

  /** The name of the {@code SseRoute} and {@code SseResponse} factory for this kind. */
  String factoryMethod() {
    return factoryMethod;
  }
}
