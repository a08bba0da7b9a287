package dev.sluice.internal.broadcast;

import dev.sluice.BroadcastStats;
import dev.sluice.SseEvent;
import dev.sluice.internal.broadcast.slow.SlowClientRule;
import dev.sluice.spi.BroadcastJournal;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;

/**
 * What an {@code SseBroadcaster} is made of, and how the parts meet: the {@link History} every
 * subscriber reads, the {@link Source} events come from (this JVM or a journal), the {@link
 * Delivery} that encodes each event once and has each thread drain its subscribers, and the {@link
 * SlowClientRule} applied to each {@link BroadcastSubscription}. Thread-safe.
 */
public final class Broadcast<T> implements AutoCloseable {
  final History<T> history;
  final Delivery<T> delivery;
  final SlowClientRule<? super T> rule;

  /** Where subscribers that are no event stream are delivered to. */
  final Executor executor;

  final Source<T> source;

  private Broadcast(
      int maxEvents,
      Duration maxAge,
      SlowClientRule<? super T> rule,
      Executor executor,
      BroadcastJournal<T> journal) {
    this.history = new History<>(maxEvents, maxAge.toNanos());
    this.delivery = new Delivery<>(history);
    this.rule = rule;
    this.executor = executor;
    if (journal == null) {
      this.source = new InMemorySource<>(history, delivery);
    } else {
      JournalSource<T> onJournal = new JournalSource<>(journal, history, delivery, rule);
      this.source = onJournal;
      onJournal.start(maxEvents, maxAge);
    }
  }

  /**
   * A broadcast keeping at most {@code maxEvents}, none older than {@code maxAge}.
   *
   * @param executor delivers to subscribers that are no event stream
   * @param journal where its events live, or null for this JVM only; started here
   */
  public static <T> Broadcast<T> create(
      int maxEvents,
      Duration maxAge,
      SlowClientRule<? super T> rule,
      Executor executor,
      BroadcastJournal<T> journal) {
    rule.checkHistory(maxEvents);
    return new Broadcast<>(maxEvents, maxAge, rule, executor, journal);
  }

  /** See {@code SseBroadcaster.publish}. */
  public SseEvent<T> publish(SseEvent<T> event) {
    Objects.requireNonNull(event, "event");
    Object key = rule.tracksKeys() ? rule.keyOf(event.data()) : null;
    return source.publish(event, key);
  }

  /** See {@code SseBroadcaster.subscribe}. */
  public Flow.Publisher<SseEvent<T>> subscribe(String lastEventId) {
    return subscriber -> {
      Objects.requireNonNull(subscriber, "subscriber");
      FanOutTarget target =
          subscriber instanceof FanOutTarget ? (FanOutTarget) subscriber : Subscribing.current();
      boolean direct = target != null && target == subscriber;
      if (direct) {
        delivery.addEncoder(target.encoder()); // before the subscriber takes its place
      }
      BroadcastSubscription<T> subscription =
          direct
              ? new BroadcastSubscription.Direct<>(this, subscriber, target, lastEventId)
              : new BroadcastSubscription<>(this, subscriber, target, lastEventId);
      subscriber.onSubscribe(subscription); // rule 1.9: before any other signal
      if (!subscription.done) {
        subscription.join();
        subscription.drain(); // events published before the join reach it here
      }
    };
  }

  public int subscriberCount() {
    return delivery.subscribers();
  }

  public BroadcastStats stats() {
    String[] newest = new String[1];
    int retained =
        history.locked(
            () -> {
              history.evictAged();
              long head = history.head();
              int size = (int) (head - history.tail());
              newest[0] = size > 0 ? history.at(head - 1).event.id() : source.position();
              return size;
            });
    return new BroadcastStats(subscriberCount(), retained, newest[0], source.status());
  }

  @Override
  public void close() {
    source.close();
  }

  /** Keys whose newest event the history still holds (latest-per-key); for tests. */
  public int trackedKeys() {
    return history.trackedKeys();
  }

  /** Threads delivering to subscribers now; for tests. */
  public int deliveryGroups() {
    return delivery.groups();
  }

  /** Encoders the direct subscribers' event streams use; for tests. */
  public int encodersInUse() {
    return delivery.encoders();
  }
}
