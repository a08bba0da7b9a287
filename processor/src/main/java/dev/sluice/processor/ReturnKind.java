package dev.sluice.processor;

/**
 * What an endpoint returns, which decides how the runtime drives it. A method may return the type
 * itself or any subtype of it (a {@code Flux}, a {@code SubmissionPublisher} subclass): the kind is
 * recognised by name among the return type's supertypes, so that Sluice needs no compile dependency
 * on any reactive library.
 */
enum ReturnKind {
  /** Listed first: a type that is both kinds of publisher is driven as a Flow one, unadapted. */
  PUBLISHER("java.util.concurrent.Flow.Publisher", "publisher"),
  /**
   * Reactor, RxJava 3's {@code Flowable}, Akka's and Pekko's publishers: adapted to a {@code
   * Flow.Publisher} by {@code dev.sluice.spi.ReactiveStreams}, and then driven as one.
   */
  REACTIVE_STREAMS_PUBLISHER("org.reactivestreams.Publisher", "publisher"),
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
