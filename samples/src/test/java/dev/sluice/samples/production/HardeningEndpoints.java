package dev.sluice.samples.production;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sluice.SseBroadcaster;
import dev.sluice.SseEvent;
import dev.sluice.annotation.SseEndpoint;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Endpoints that misbehave, each in one way a server must survive. */
public class HardeningEndpoints {
  /** A payload Jackson cannot write when its text is "poison": its getter throws. */
  public static final class Fragile {
    private final String text;

    public Fragile(String text) {
      this.text = text;
    }

    @JsonProperty("text")
    public String text() {
      if (text.equals("poison")) {
        throw new IllegalStateException("this value cannot be serialized");
      }
      return text;
    }
  }

  /** A payload whose serialization takes as long as the test holds {@link #HOLD}. */
  public static final class Sluggish {
    static final CountDownLatch ENTERED = new CountDownLatch(1);
    static final CountDownLatch HOLD = new CountDownLatch(1);
    private final String text;

    public Sluggish(String text) {
      this.text = text;
    }

    @JsonProperty("text")
    public String text() throws InterruptedException {
      if (text.equals("hold")) {
        ENTERED.countDown();
        HOLD.await(20, TimeUnit.SECONDS);
      }
      return text;
    }
  }

  final SseBroadcaster<Fragile> fragile = SseBroadcaster.create();
  final SseBroadcaster<Sluggish> sluggish = SseBroadcaster.create();
  final SseBroadcaster<String> pace = SseBroadcaster.create();
  final ContractCheckingPublisher contract = new ContractCheckingPublisher(2_000);
  final AtomicInteger quietOpened = new AtomicInteger();
  final CountDownLatch slowOpenEntered = new CountDownLatch(1);
  final CountDownLatch slowOpenRelease = new CountDownLatch(1);

  @SseEndpoint("/hardening/fragile")
  public Flow.Publisher<SseEvent<Fragile>> fragile() {
    return fragile.subscribe(null);
  }

  @SseEndpoint("/hardening/sluggish")
  public Flow.Publisher<SseEvent<Sluggish>> sluggish() {
    return sluggish.subscribe(null);
  }

  @SseEndpoint("/hardening/pace")
  public Flow.Publisher<SseEvent<String>> pace() {
    return pace.subscribe(null);
  }

  @SseEndpoint("/hardening/contract")
  public Flow.Publisher<String> contract() {
    return contract;
  }

  /** Fails as a publisher given bad arguments typically does: in the first request. */
  @SseEndpoint("/hardening/fails-at-once")
  public Flow.Publisher<String> failsAtOnce() {
    return subscriber ->
        subscriber.onSubscribe(
            new Flow.Subscription() {
              @Override
              public void request(long n) {
                subscriber.onError(new IllegalArgumentException("every must be positive"));
              }

              @Override
              public void cancel() {}
            });
  }

  @SseEndpoint("/hardening/subscribe-throws")
  public Flow.Publisher<String> subscribeThrows() {
    return subscriber -> {
      throw new IllegalStateException("cannot subscribe");
    };
  }

  /** Completes at once, without an event: a normal, empty stream. */
  @SseEndpoint("/hardening/empty")
  public Flow.Publisher<String> empty() {
    SubmissionPublisher<String> publisher = new SubmissionPublisher<>();
    publisher.close();
    return publisher;
  }

  @SseEndpoint("/hardening/error")
  public Flow.Publisher<String> error() {
    throw new AssertionError("an Error, not an Exception");
  }

  /** One event, then silence: a stream that costs nothing while it stays open. */
  @SseEndpoint("/hardening/quiet")
  public Flow.Publisher<String> quiet() {
    quietOpened.incrementAndGet();
    return new QuietPublisher("hello");
  }

  /** Takes its time to return, while the test shuts the server down. */
  @SseEndpoint("/hardening/slow-open")
  public Flow.Publisher<String> slowOpen() throws InterruptedException {
    slowOpenEntered.countDown();
    slowOpenRelease.await(30, TimeUnit.SECONDS);
    return new QuietPublisher("opened late");
  }

  /** As many 1 KiB events as the connection asks for. */
  @SseEndpoint("/hardening/firehose")
  public Flow.Publisher<String> firehose() {
    String padding = "x".repeat(1_024);
    return subscriber ->
        subscriber.onSubscribe(
            new Flow.Subscription() {
              private volatile boolean cancelled;

              @Override
              public void request(long n) {
                for (long i = 0; i < n && !cancelled; i++) {
                  subscriber.onNext(padding);
                }
              }

              @Override
              public void cancel() {
                cancelled = true;
              }
            });
  }
}
