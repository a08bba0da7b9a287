package dev.sluice.redis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.SseEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** A subscriber that takes everything and records it, with a bounded wait for what it expects. */
final class Collector<T> implements Flow.Subscriber<SseEvent<T>> {
  final List<SseEvent<T>> events = new CopyOnWriteArrayList<>();
  volatile Throwable error;

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(SseEvent<T> event) {
    events.add(event);
  }

  @Override
  public void onError(Throwable throwable) {
    error = throwable;
  }

  @Override
  public void onComplete() {}

  /** Waits at most 20 s until the events so far satisfy {@code done}; only bounds a failure. */
  Collector<T> await(Predicate<List<SseEvent<T>>> done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!done.test(events) && error == null) {
      assertTrue(
          System.nanoTime() < deadline, "waited 20 s; got " + events.size() + ": " + summary());
      Thread.sleep(5);
    }
    return this;
  }

  Collector<T> awaitCount(int count) throws InterruptedException {
    return await(got -> got.size() >= count);
  }

  List<String> ids() {
    return events.stream().map(SseEvent::id).collect(Collectors.toList());
  }

  List<T> data() {
    return events.stream().map(SseEvent::data).collect(Collectors.toList());
  }

  private String summary() {
    List<String> names =
        events.stream().map(e -> e.id() + "=" + e.data()).collect(Collectors.toList());
    return names.size() <= 6
        ? names.toString()
        : names.subList(0, 3) + " .. " + names.subList(names.size() - 3, names.size());
  }
}
