package dev.sluice.internal.broadcast;

import dev.sluice.BroadcastStats;
import dev.sluice.PublishException;
import dev.sluice.SseEvent;
import dev.sluice.internal.broadcast.slow.SlowClientRule;
import dev.sluice.spi.BroadcastJournal;
import java.time.Duration;
import java.util.Objects;

/**
 * A broadcast's events in a journal outside the JVM, shared by the broadcasts of every node: {@code
 * publish} appends to the journal, and this node follows it into its history ({@link Feed}) and
 * fans out from there, so every node delivers the same events in the same order, with the journal's
 * ids. A subscriber whose id the history holds resumes from it; any other is replayed from the
 * journal ({@link JournalReplay}) until the history continues it. The only part of a broadcast that
 * knows journals exist.
 */
final class JournalSource<T> implements Source<T> {
  final BroadcastJournal<T> journal;
  final History<T> history;
  private final Delivery<T> delivery;
  private final SlowClientRule<? super T> rule;

  /**
   * The id of the newest entry followed, or where following started; under the history's lock. Null
   * before the journal says where it starts.
   */
  private String followedThrough;

  JournalSource(
      BroadcastJournal<T> journal,
      History<T> history,
      Delivery<T> delivery,
      SlowClientRule<? super T> rule) {
    this.journal = journal;
    this.history = history;
    this.delivery = delivery;
    this.rule = rule;
  }

  /** Starts following, with the history's bounds, which the journal trims itself to. */
  void start(int maxEvents, Duration maxAge) {
    journal.start(new BroadcastJournal.Retention(maxEvents, maxAge), new Feed());
  }

  @Override
  public SseEvent<T> publish(SseEvent<T> event, Object key) {
    if (event.id() != null) {
      throw new IllegalArgumentException(
          "A broadcaster on a journal takes its ids from the journal; publish the event without an"
              + " id, got "
              + event.id());
    }
    String id;
    try {
      id = journal.append(event, key == null ? null : key.toString());
    } catch (PublishException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new PublishException("The broadcast's journal failed to append the event", e);
    }
    return Source.withId(event, id);
  }

  @Override
  public void start(BroadcastSubscription<T> subscription, String lastEventId) {
    history.locked(
        () -> {
          history.evictAged();
          Long seq = lastEventId == null ? null : history.seqOf(lastEventId);
          if (seq != null) {
            subscription.cursor = seq + 1;
          } else if (lastEventId == null || lastEventId.equals(followedThrough)) {
            subscription.cursor = history.head();
            subscription.liveFrom = lastEventId == null ? history.head() : -1;
          } else {
            subscription.replay = new JournalReplay<>(this, subscription, lastEventId);
          }
          return null;
        });
  }

  /** Under the history's lock. */
  String followedThrough() {
    return followedThrough;
  }

  @Override
  public String position() {
    return history.locked(() -> followedThrough);
  }

  @Override
  public BroadcastStats.Journal status() {
    return journal.status();
  }

  /** Stops following the journal and closes its connections; publish fails from then on. */
  @Override
  public void close() {
    journal.close();
  }

  /**
   * What the journal follows, into this node's history. The journal calls it from one thread at a
   * time.
   */
  private final class Feed implements BroadcastJournal.Feed<T> {
    /** The last id before a gap, until the entry after the gap arrives; feed thread only. */
    private String lostAfter;

    @Override
    public void following(String position) {
      Objects.requireNonNull(position, "position");
      history.locked(
          () -> {
            if (followedThrough == null) {
              followedThrough = position;
            }
            return null;
          });
    }

    @Override
    public void accept(BroadcastJournal.Entry<T> journaled) {
      SseEvent<T> stored = Source.withId(journaled.event(), journaled.id());
      // As stored, so that every node keys an event alike; computed for entries without one.
      Object key = null;
      if (rule.tracksKeys()) {
        Object own = journaled.key() != null ? journaled.key() : rule.keyOf(stored.data());
        key = own == null ? null : own.toString();
      }
      Object storedKey = key;
      String gap = lostAfter;
      Entry<T> entry =
          history.locked(
              () -> {
                Entry<T> appended = history.append(stored, storedKey, followedThrough, gap);
                followedThrough = stored.id();
                return appended;
              });
      lostAfter = null;
      delivery.deliver(entry);
    }

    @Override
    public void lost(String lastId) {
      if (lostAfter == null) {
        lostAfter = Objects.requireNonNull(lastId, "lastId");
      }
    }
  }
}
