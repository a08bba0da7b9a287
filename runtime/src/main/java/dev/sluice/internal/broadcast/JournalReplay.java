package dev.sluice.internal.broadcast;

import dev.sluice.SseEvent;
import dev.sluice.spi.BroadcastJournal;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Replays, page by page, what the journal holds after an id that this node's history does not have,
 * until the history continues it; then tells the subscriber which of the history's entries it had
 * from the journal already. Runs in its subscriber's drain loop, but for {@link #arrived}.
 *
 * <p>Why the replay meets the history with no gap and no duplicate: it switches over in {@link
 * #joinHistory}, under the history's lock, which the feed holds to append. Say the subscriber has
 * had everything up to id A (from the page just delivered), and the history holds seqs [tail,
 * head), followed through id F. If A is at or past F, the feed will append every entry after F, in
 * journal order, from head on: the subscriber reads from head and skips those up to A, which it has
 * had. Otherwise let E be the first entry after A in the history: every entry before E in the
 * history is at or before A, and the journal has nothing strictly between E's predecessor and E. If
 * E's predecessor is in the history (E is not its oldest), or is recorded as at or before A,
 * nothing lies between A and E either: the subscriber reads from E. If not, the history no longer
 * reaches back to A: the journal is read on from A. Entries the feed appends meanwhile land after
 * head and change none of this. So each entry after A reaches the subscriber once, from the journal
 * or from the history, in journal order.
 */
final class JournalReplay<T> {
  /** Events asked of the journal at a time. */
  private static final int PAGE = 128;

  private static final long MIN_RETRY_MILLIS = 100;
  private static final long MAX_RETRY_MILLIS = 5_000;

  /** A read's answer when the journal does not hold the id. */
  private static final Object UNKNOWN = new Object();

  private final JournalSource<T> source;
  private final BroadcastSubscription<T> subscription;
  private final String lastEventId;

  /** The id of the last event replayed, or the client's last id while none is. */
  private String after;

  private final ArrayDeque<SharedEncoding> page = new ArrayDeque<>();

  /** The journal holds the client's last id: what follows it is complete. */
  private boolean validated;

  private boolean reading;
  private boolean lastPageEmpty;
  private int failures;

  /** Once the history took over: entries up to this id were replayed, and are skipped there. */
  private String skipThrough;

  /** A page as shared encodings, {@link #UNKNOWN}, or the read's failure; set by its completion. */
  private volatile Object arrived;

  JournalReplay(
      JournalSource<T> source, BroadcastSubscription<T> subscription, String lastEventId) {
    this.source = source;
    this.subscription = subscription;
    this.lastEventId = lastEventId;
    this.after = lastEventId;
  }

  /** Replays what it can; true once the subscriber reads this node's history instead. */
  @SuppressWarnings("unchecked") // arrived holds what arrive() put there; pages hold T's events
  boolean step() {
    while (!subscription.done) {
      if (skipThrough != null) {
        return true;
      }
      Object result = arrived;
      if (result != null) {
        arrived = null;
        reading = false;
        if (result instanceof Throwable) {
          retryLater();
          return false;
        }
        if (result == UNKNOWN) {
          return lost();
        }
        List<SharedEncoding> events = (List<SharedEncoding>) result;
        failures = 0;
        validated = true;
        lastPageEmpty = events.isEmpty();
        page.addAll(events);
      }
      if (!page.isEmpty()) {
        if (subscription.requested.get() == 0) {
          return false;
        }
        SharedEncoding next = page.poll();
        after = next.event().id();
        subscription.deliver((SseEvent<T>) next.event(), next);
        continue;
      }
      if (reading) {
        return false;
      }
      if (validated && joinHistory()) {
        return true;
      }
      reading = true;
      read(after);
      return false;
    }
    return false;
  }

  /**
   * Once the history took over: whether its {@code entry} is one the journal replayed already. The
   * first that is not ends the replay.
   */
  boolean delivered(Entry<T> entry) {
    return source.journal.compare(entry.event.id(), skipThrough) <= 0;
  }

  /** See the class comment. */
  private boolean joinHistory() {
    History<T> history = source.history;
    return history.locked(
        () -> {
          history.evictAged();
          long first = firstAfter(after);
          String followed = source.followedThrough();
          boolean joins =
              followed != null && source.journal.compare(after, followed) >= 0
                  || first < history.head()
                      && (first > history.tail() || follows(history.at(first), after));
          // A journal with nothing after A while the history has more was recreated or trimmed
          // under us: what the history has after A is all there is.
          if (joins || lastPageEmpty) {
            subscription.cursor = first;
            skipThrough = after;
            return true;
          }
          return false;
        });
  }

  /** Under the lock: the first seq whose id comes after {@code id}, or head. */
  private long firstAfter(String id) {
    History<T> history = source.history;
    long low = history.tail();
    long high = history.head();
    while (low < high) { // ids increase with seqs: the feed appends in journal order
      long mid = (low + high) >>> 1;
      if (source.journal.compare(history.at(mid).event.id(), id) <= 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private boolean follows(Entry<T> entry, String id) {
    return entry.previousId != null && source.journal.compare(entry.previousId, id) <= 0;
  }

  /** The client's id is unknown to the journal, or was trimmed from it while replaying. */
  private boolean lost() {
    if (validated && !subscription.broadcast.rule.lostReplay(subscription)) {
      return false;
    }
    History<T> history = source.history;
    history.locked(
        () -> {
          subscription.notice =
              HistoryLost.notice(validated ? after : lastEventId, source.followedThrough());
          subscription.cursor = history.head();
          subscription.liveFrom = history.head();
          return null;
        });
    BroadcastLog.historyLost(); // as for an in-memory history, and outside the lock
    subscription.replay = null;
    return true;
  }

  private void retryLater() {
    reading = true;
    String from = after;
    long delay = Math.min(MAX_RETRY_MILLIS, MIN_RETRY_MILLIS << failures);
    failures = Math.min(failures + 1, 6);
    CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, deliveryThread())
        .execute(
            () -> {
              if (!subscription.done) {
                read(from);
              }
            });
  }

  /** Asks the journal for the page after {@code from}; any thread. */
  private void read(String from) {
    CompletionStage<List<BroadcastJournal.Entry<T>>> pending;
    try {
      pending = source.journal.readAfter(from, PAGE);
    } catch (RuntimeException e) {
      pending = CompletableFuture.failedFuture(e);
    }
    pending.whenCompleteAsync(this::arrive, deliveryThread());
  }

  /** Where a page is taken in: off the journal's own threads, encoded ahead for an event stream. */
  private void arrive(List<BroadcastJournal.Entry<T>> entries, Throwable error) {
    Object result;
    if (error != null) {
      result = error;
    } else if (entries == null) {
      result = UNKNOWN;
    } else {
      SharedEncoding[] events = new SharedEncoding[entries.size()];
      for (int i = 0; i < events.length; i++) {
        BroadcastJournal.Entry<T> entry = entries.get(i);
        events[i] = new SharedEncoding(Source.withId(entry.event(), entry.id()));
        if (subscription instanceof InlineDemand) {
          events[i].encodeAhead(subscription.target.encoder());
        }
      }
      result = List.of(events);
    }
    arrived = result;
    subscription.drain();
  }

  private Executor deliveryThread() {
    FanOutTarget target = subscription.target;
    return target != null ? target.worker() : subscription.broadcast.executor;
  }
}
