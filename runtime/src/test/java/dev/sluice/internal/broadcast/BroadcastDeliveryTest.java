package dev.sluice.internal.broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.SseBroadcaster;
import dev.sluice.SseEvent;
import dev.sluice.encode.SseEncoder;
import dev.sluice.internal.encode.JacksonEncoders;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which thread a broadcast delivers on: a stream's own subscription on the stream's I/O thread; one
 * behind a user's operator, found while the endpoint's publisher is subscribed to, on a worker,
 * because the operator is user code.
 */
class BroadcastDeliveryTest {
  private final ExecutorService io = Executors.newSingleThreadExecutor(r -> new Thread(r, "io"));
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "worker"));
  private final SseEncoder<SseEvent<String>> route =
      new JacksonEncoders(new ObjectMapper()).textEvents();

  @AfterEach
  void stop() {
    io.shutdownNow();
    worker.shutdownNow();
  }

  @Test
  void subscriptionBehindAUserOperator_isDeliveredOnAWorker_andKnowsItsStream() throws Exception {
    SseBroadcaster<String> broadcaster = SseBroadcaster.create();
    Stream stream = new Stream();
    Flow.Publisher<SseEvent<String>> endpoint = passThrough(broadcaster.subscribe(null));
    // As the runtime does while it subscribes to an endpoint's publisher.
    Subscribing.as(stream, () -> endpoint.subscribe(stream.downstream));
    broadcaster.publish("a");
    assertTrue(stream.received.await(10, TimeUnit.SECONDS));
    assertEquals(List.of("worker"), stream.threads);
    assertEquals(1, broadcaster.subscriberCount());
  }

  @Test
  void streamsOwnSubscription_isDeliveredOnItsIoThread() throws Exception {
    SseBroadcaster<String> broadcaster = SseBroadcaster.create();
    Stream stream = new Stream();
    broadcaster.subscribe(null).subscribe(stream);
    broadcaster.publish("a");
    assertTrue(stream.received.await(10, TimeUnit.SECONDS));
    assertEquals(List.of("io"), stream.threads);
  }

  /** A user's operator that passes everything through, subscription included. */
  private static <T> Flow.Publisher<T> passThrough(Flow.Publisher<T> upstream) {
    return downstream ->
        upstream.subscribe(
            new Flow.Subscriber<T>() {
              @Override
              public void onSubscribe(Flow.Subscription subscription) {
                downstream.onSubscribe(subscription);
              }

              @Override
              public void onNext(T item) {
                downstream.onNext(item);
              }

              @Override
              public void onError(Throwable throwable) {
                downstream.onError(throwable);
              }

              @Override
              public void onComplete() {
                downstream.onComplete();
              }
            });
  }

  /** Stands for the runtime's subscriber: a stream with an I/O thread, a worker, an encoder. */
  private final class Stream implements Flow.Subscriber<SseEvent<String>>, FanOutTarget {
    final List<String> threads = new CopyOnWriteArrayList<>();
    final CountDownLatch received = new CountDownLatch(1);

    /** What the operator's subscriber forwards to: this stream, seen as a plain subscriber. */
    final Flow.Subscriber<SseEvent<String>> downstream =
        new Flow.Subscriber<>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            Stream.this.onSubscribe(subscription);
          }

          @Override
          public void onNext(SseEvent<String> item) {
            Stream.this.onNext(item);
          }

          @Override
          public void onError(Throwable throwable) {}

          @Override
          public void onComplete() {}
        };

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(SseEvent<String> item) {
      threads.add(Thread.currentThread().getName());
      received.countDown();
    }

    @Override
    public void onError(Throwable throwable) {}

    @Override
    public void onComplete() {}

    @Override
    public void dropped(long events) {}

    @Override
    public long backedUpSince() {
      return 0;
    }

    @Override
    public Executor ioThread() {
      return io;
    }

    @Override
    public Executor worker() {
      return worker;
    }

    @Override
    public SseEncoder<?> encoder() {
      return route;
    }

    @Override
    public void sharing(SharedEncoding next) {}
  }
}
