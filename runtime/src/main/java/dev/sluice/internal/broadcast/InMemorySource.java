package dev.sluice.internal.broadcast;

import dev.sluice.BroadcastStats;
import dev.sluice.SseEvent;

/**
 * A broadcast's events in this JVM only, with ids of its own: this broadcast's start time, then the
 * event's sequence number, so that an id from before a restart is not mistaken for one after it.
 */
final class InMemorySource<T> implements Source<T> {
  private final History<T> history;
  private final Delivery<T> delivery;
  private final String idPrefix = Long.toString(System.currentTimeMillis(), 36) + "-";

  InMemorySource(History<T> history, Delivery<T> delivery) {
    this.history = history;
    this.delivery = delivery;
  }

  @Override
  public SseEvent<T> publish(SseEvent<T> event, Object key) {
    // Subscribers stop at an entry until it is ready, so that no I/O thread encodes it.
    Entry<T> entry =
        history.locked(
            () -> {
              SseEvent<T> stored =
                  event.id() != null ? event : Source.withId(event, idPrefix + history.head());
              return history.append(stored, key, null, null);
            });
    delivery.deliver(entry);
    return entry.event;
  }

  @Override
  public void start(BroadcastSubscription<T> subscription, String lastEventId) {
    history.locked(
        () -> {
          long resume = resumeAfter(lastEventId);
          subscription.cursor = resume >= 0 ? resume : history.head();
          if (resume < 0) {
            subscription.notice = HistoryLost.notice(lastEventId, idPrefix + (history.head() - 1));
          }
          return null;
        });
  }

  /** Under the lock: where a client that saw {@code lastEventId} resumes, or -1 if lost. */
  private long resumeAfter(String lastEventId) {
    history.evictAged();
    if (lastEventId == null) {
      return history.head();
    }
    Long seq = history.seqOf(lastEventId);
    if (seq == null) {
      seq = ownSeq(lastEventId);
    }
    // Having seen the event just before the oldest retained one, a client has lost nothing.
    return seq != null && seq >= history.tail() - 1 && seq < history.head() ? seq + 1 : -1;
  }

  /** The seq in an id this broadcast made (its prefix, then the seq), or null. */
  private Long ownSeq(String id) {
    if (!id.startsWith(idPrefix)) {
      return null;
    }
    try {
      return Long.parseLong(id, idPrefix.length(), id.length(), 10);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public String position() {
    return null;
  }

  @Override
  public BroadcastStats.Journal status() {
    return null;
  }

  @Override
  public void close() {
    // Nothing outside this JVM to let go of.
  }
}
