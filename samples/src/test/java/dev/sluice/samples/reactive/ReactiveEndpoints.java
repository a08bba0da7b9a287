package dev.sluice.samples.reactive;

import dev.sluice.SseEvent;
import dev.sluice.annotation.PathParam;
import dev.sluice.annotation.QueryParam;
import dev.sluice.annotation.SseEndpoint;
import dev.sluice.samples.Quote;
import dev.sluice.samples.Tick;
import io.reactivex.rxjava3.core.Flowable;
import io.smallrye.mutiny.Multi;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SubmissionPublisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Each library's own type, returned as it is: Reactor's {@code Flux} and {@code Mono}, RxJava 3's
 * {@code Flowable} and Mutiny's {@code Multi}, and a {@code SubmissionPublisher} subclass. The
 * endless sources count down a latch when their subscription is cancelled.
 */
public class ReactiveEndpoints {
  /** Ticks submitted by the test, to every subscriber at the time. */
  public static final class Ticks extends SubmissionPublisher<Tick> {}

  final Ticks ticks = new Ticks();
  final CountDownLatch fluxCancelled = new CountDownLatch(1);
  final CountDownLatch flowableCancelled = new CountDownLatch(1);
  final CountDownLatch multiCancelled = new CountDownLatch(1);

  @SseEndpoint("/flux/{symbol}")
  public Flux<Quote> flux(@PathParam("symbol") String symbol, @QueryParam("n") int n) {
    return Flux.range(1, n).map(i -> new Quote(symbol, 100 + i));
  }

  /** As many events as the client takes, one a request: Flux.generate honours demand. */
  @SseEndpoint("/flux-endless")
  public Flux<Long> fluxEndless() {
    return Flux.<Long, Long>generate(
            () -> 0L,
            (i, sink) -> {
              sink.next(i);
              return i + 1;
            })
        .doOnCancel(fluxCancelled::countDown);
  }

  /** Fails before its first event, as a Flux given bad arguments does. */
  @SseEndpoint("/flux-failing")
  public Flux<Quote> fluxFailing() {
    return Flux.error(new IllegalArgumentException("no such symbol"));
  }

  @SseEndpoint("/flux-null")
  public Flux<Quote> fluxNull() {
    return null;
  }

  @SseEndpoint("/mono")
  public Mono<Quote> mono(@QueryParam("empty") Optional<Boolean> empty) {
    return empty.orElse(false) ? Mono.empty() : Mono.just(new Quote("ACME", 101.5));
  }

  @SseEndpoint("/flowable")
  public Flowable<SseEvent<Quote>> flowable() {
    return Flowable.range(1, 3)
        .map(
            i ->
                SseEvent.builder()
                    .data(new Quote("GLOBEX", 50 + i))
                    .event("quote")
                    .id(Integer.toString(i))
                    .build());
  }

  @SseEndpoint("/flowable-endless")
  public Flowable<Long> flowableEndless() {
    return Flowable.<Long, Long>generate(
            () -> 0L,
            (i, emitter) -> {
              emitter.onNext(i);
              return i + 1;
            })
        .doOnCancel(flowableCancelled::countDown);
  }

  @SseEndpoint("/multi")
  public Multi<Quote> multi() {
    return Multi.createFrom().items(new Quote("INITECH", 7), new Quote("INITECH", 8));
  }

  @SseEndpoint("/multi-endless")
  public Multi<Long> multiEndless() {
    return Multi.createFrom()
        .<Long, Long>generator(
            () -> 0L,
            (i, emitter) -> {
              emitter.emit(i);
              return i + 1;
            })
        .onCancellation()
        .invoke(multiCancelled::countDown);
  }

  /** The same publisher for every client: a subclass of the JDK's own. */
  @SseEndpoint("/ticks")
  public Ticks ticks() {
    return ticks;
  }
}
