package dev.sluice.internal.broadcast;

import dev.sluice.SseEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The events a broadcast keeps for subscribers that resume: a ring of at most {@code capacity}
 * entries, none older than {@code maxAge}, each with a sequence number. Every subscriber reads the
 * one ring, so memory does not grow with subscribers.
 *
 * <p>Appends, evictions and lookups by id run under one lock ({@link #locked}), which a source
 * holds to append and a subscriber to find where it resumes, so the two never see each other half
 * done. Readers walk the ring without it: {@link #head} and {@link #tail} are volatile, the tail
 * moves before a slot is reused, and {@link #at} returns null for a slot reused under them.
 */
final class History<T> {
  private final ReentrantLock lock = new ReentrantLock();
  private final int capacity;
  private final long maxAgeNanos;
  private final AtomicReferenceArray<Entry<T>> ring;

  /** The seq the next entry gets; written under the lock. */
  private volatile long head;

  /** The oldest seq still retained; moved before its slot is reused, under the lock. */
  private volatile long tail;

  private final Map<String, Long> seqById = new HashMap<>();
  private final Map<Object, Long> newestByKey = new ConcurrentHashMap<>();

  History(int capacity, long maxAgeNanos) {
    this.capacity = capacity;
    this.maxAgeNanos = maxAgeNanos;
    this.ring = new AtomicReferenceArray<>(capacity);
  }

  /** Runs {@code action} under the lock. */
  <R> R locked(Supplier<R> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  /** Under the lock: adds {@code event} as the newest entry. */
  Entry<T> append(SseEvent<T> event, Object key, String previousId, String lostAfter) {
    long seq = head;
    long now = System.nanoTime();
    Entry<T> entry = new Entry<>(seq, event, now, key, previousId, lostAfter);
    if (seq - tail >= capacity) {
      evictOldest(); // readers see the new tail before the slot changes under them
    }
    ring.set(slot(seq), entry);
    seqById.put(event.id(), seq);
    if (key != null) {
      newestByKey.put(key, seq);
    }
    head = seq + 1;
    evictAged(now);
    return entry;
  }

  /** The seq the next entry gets. Any thread. */
  long head() {
    return head;
  }

  /** The oldest seq retained. Any thread. */
  long tail() {
    return tail;
  }

  /** The entry at {@code seq}, or null if it was evicted (its slot may hold a newer one). */
  Entry<T> at(long seq) {
    Entry<T> entry = ring.get(slot(seq));
    return entry != null && entry.seq == seq ? entry : null;
  }

  /** Under the lock: the seq of the retained entry with this id, or null. */
  Long seqOf(String id) {
    return seqById.get(id);
  }

  /** Whether a newer event of the same key is in the history: a latest-per-key reader skips it. */
  boolean superseded(Entry<T> entry) {
    return entry.key != null && newestByKey.getOrDefault(entry.key, entry.seq) > entry.seq;
  }

  /** Runs {@code action} on each retained entry, oldest first, as they are now. Any thread. */
  void forEachRetained(Consumer<Entry<T>> action) {
    for (long seq = tail, end = head; seq < end; seq++) {
      Entry<T> entry = at(seq);
      if (entry != null) {
        action.accept(entry);
      }
    }
  }

  /** Under the lock: evicts what is older than the history's age. */
  void evictAged() {
    evictAged(System.nanoTime());
  }

  private void evictAged(long now) {
    while (tail < head) {
      Entry<T> oldest = ring.get(slot(tail));
      if (oldest != null && now - oldest.publishedNanos <= maxAgeNanos) {
        return;
      }
      evictOldest();
    }
  }

  private void evictOldest() {
    long seq = tail;
    tail = seq + 1;
    Entry<T> old = ring.get(slot(seq));
    if (old != null) {
      seqById.remove(old.event.id(), old.seq);
      if (old.key != null) {
        newestByKey.remove(old.key, old.seq); // the key's newest event leaves the history
      }
    }
  }

  /** Keys whose newest event the history still holds; for tests. */
  int trackedKeys() {
    return newestByKey.size();
  }

  private int slot(long seq) {
    return (int) (seq % capacity);
  }
}
