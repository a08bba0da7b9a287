package dev.sluice.spi;

import java.util.Objects;
import java.util.concurrent.Flow;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.Publisher;

/**
 * Adapts what an endpoint returns when it is an {@code org.reactivestreams.Publisher} (Reactor's
 * {@code Flux} and {@code Mono}, RxJava's {@code Flowable}, Akka's and Pekko's publishers) to the
 * {@code Flow.Publisher} the server drives, with {@link FlowAdapters} from the {@code
 * org.reactivestreams:reactive-streams} jar (1.0.3 or later). Demand and cancellation pass through
 * unchanged: a client that disconnects cancels the reactive source.
 *
 * <p>For generated code: the routes of such an endpoint call {@link #toFlow} and nothing else in
 * Sluice names a Reactive Streams type. The JVM loads a class when code that uses it first runs, so
 * this class, and with it the jar (an optional dependency of the runtime, which every library
 * returning such publishers brings), are loaded only by a server with such a route, when that route
 * is first requested; a server without one runs without the jar.
 */
public final class ReactiveStreams {
  private ReactiveStreams() {}

  /**
   * The publisher as a {@code Flow.Publisher}; a null publisher is the user's mistake, a 500. Its
   * parameter type is in a module that {@code dev.sluice} requires only statically: the routes that
   * call this are in modules that read it through the library of their publisher.
   */
  @SuppressWarnings("exports")
  public static <T> Flow.Publisher<T> toFlow(Publisher<T> publisher) {
    return FlowAdapters.toFlowPublisher(
        Objects.requireNonNull(publisher, "the endpoint returned a null Publisher"));
  }
}
