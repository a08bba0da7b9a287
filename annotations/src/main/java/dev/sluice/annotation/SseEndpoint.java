package dev.sluice.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a Server-Sent Events endpoint. Sluice's annotation processor generates the Undertow
 * route for the method at compile time; {@code SseServer.builder().register(instance)} serves it.
 *
 * <pre>{@code
 * public class Clock {
 *   @SseEndpoint("/rooms/{room}/events")
 *   public Flow.Publisher<SseEvent<Message>> events(@PathParam("room") String room) { ... }
 * }
 * }</pre>
 *
 * <p>An endpoint is served for every registered object whose class declares or inherits it:
 * endpoints of superclasses and interfaces (default and abstract methods alike) are served as if
 * the class declared them, and an override of an endpoint method is that endpoint (its route calls
 * the override, with the bindings the endpoint declares).
 *
 * <p>The processor checks, and reports as compile errors:
 *
 * <ul>
 *   <li>the method and its class (or interface) are public, the class is top-level or a static
 *       nested class, and neither the method nor the class is generic;
 *   <li>the generated routes, in the class's package, can name every type the method uses (none is
 *       private, or package-private in another package);
 *   <li>an override of an inherited endpoint is not annotated again;
 *   <li>the method returns a {@code java.util.concurrent.Flow.Publisher<X>} (Mutiny's {@code
 *       Multi}, a {@code SubmissionPublisher}), an {@code org.reactivestreams.Publisher<X>}
 *       (Reactor's {@code Flux} and {@code Mono}, RxJava's {@code Flowable}) or a {@code
 *       java.util.stream.Stream<X>}, or any subtype of one, with X as the type inherits it, where X
 *       is {@code String} (sent as text), {@code SseEvent<Y>}, or any type Jackson can write (sent
 *       as JSON); an RxJava {@code Observable} (no backpressure), a type of one value at most
 *       ({@code Single}, {@code Maybe}, {@code Completable}, {@code Uni}, {@code CompletionStage})
 *       and an Akka or Pekko {@code Source} are errors that say what to return instead;
 *   <li>the path starts with {@code /}, has no empty segment ({@code //} or a trailing {@code /})
 *       and no {@code %} in a literal segment, its {@code {name}} variables are non-empty, balanced
 *       and distinct, each has a {@link PathParam} parameter and each {@link PathParam} has a
 *       variable;
 *   <li>no two endpoints share a path, inherited endpoints included;
 *   <li>every parameter carries {@link PathParam}, {@link QueryParam}, {@link HeaderParam}, {@link
 *       LastEventId} or {@link Authenticated}, and has a type Sluice can convert;
 *   <li>{@link #heartbeat()} is empty or a non-negative ISO-8601 duration, and {@link
 *       #maxStreams()} is not negative.
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface SseEndpoint {
  /** The path template, such as {@code /events} or {@code /rooms/{room}/events}. */
  String value();

  /**
   * How long a stream may stay silent before the server sends a heartbeat comment (a bare {@code :}
   * line, which keeps proxies from cutting the connection and finds dead peers), as an ISO-8601
   * duration such as {@code "PT5S"}; {@code "PT0S"} turns heartbeats off for this endpoint. Empty
   * (the default) uses the server's interval, 15 seconds unless configured.
   */
  String heartbeat() default "";

  /**
   * The most streams of this endpoint open at once; past it a request gets 503 with {@code
   * Retry-After}. 0 (the default) sets no limit of the endpoint's own.
   */
  int maxStreams() default 0;
}
