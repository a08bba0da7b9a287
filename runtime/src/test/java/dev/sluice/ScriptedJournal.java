package dev.sluice;

import dev.sluice.spi.BroadcastJournal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A journal in the test's hands, to drive a broadcaster's seam deterministically: ids are 1, 2,
 * ...; the feed gets entries only when the test says ({@link #deliver}), so that it can lag; reads
 * complete on {@link #reads}' executor; entries can be trimmed and reads made to fail. The
 * broadcaster on Redis is tested against a real Redis in {@code sluice-redis}.
 */
final class ScriptedJournal<T> implements BroadcastJournal<T> {
  private final List<Entry<T>> entries = new ArrayList<>();
  private final Executor reads;

  /** Index of the oldest entry held; those before it were trimmed. */
  private int first;

  private int delivered;
  private Feed<T> feed;
  volatile Retention retention;
  volatile RuntimeException appendFailure;
  final AtomicInteger failingReads = new AtomicInteger();
  final AtomicInteger readCount = new AtomicInteger();
  volatile boolean closed;

  ScriptedJournal(Executor reads) {
    this.reads = reads;
  }

  @Override
  public synchronized void start(Retention retention, Feed<T> feed) {
    this.retention = retention;
    this.feed = feed;
    feed.following("0");
  }

  @Override
  public synchronized String append(SseEvent<T> event, String key) {
    if (appendFailure != null) {
      throw appendFailure;
    }
    String id = Integer.toString(entries.size() + 1);
    entries.add(new Entry<>(id, event, key));
    return id;
  }

  /** Hands the feed every entry not yet delivered. */
  synchronized void deliver() {
    deliverUpTo(entries.size());
  }

  /** Hands the feed the entries up to id {@code last}. */
  synchronized void deliverUpTo(int last) {
    for (; delivered < last; delivered++) {
      if (delivered >= first) {
        feed.accept(entries.get(delivered));
      }
    }
  }

  /** Drops the entries before id {@code id}, delivered or not. */
  synchronized void trimBefore(int id) {
    first = Math.max(first, id - 1);
  }

  /** The feed resumes after entries it never got: they were trimmed while it was away. */
  synchronized void loseUpTo(int last) {
    feed.lost(Integer.toString(delivered));
    trimBefore(last + 1);
    delivered = Math.max(delivered, last);
  }

  synchronized int size() {
    return entries.size();
  }

  @Override
  public CompletionStage<List<Entry<T>>> readAfter(String id, int limit) {
    readCount.incrementAndGet();
    if (failingReads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return CompletableFuture.failedFuture(new IllegalStateException("journal unreachable"));
    }
    List<Entry<T>> page;
    synchronized (this) {
      int after;
      try {
        after = Integer.parseInt(id);
      } catch (NumberFormatException e) {
        after = -1;
      }
      boolean held = after == 0 && first == 0 || after > first && after <= entries.size();
      page =
          held
              ? List.copyOf(entries.subList(after, Math.min(entries.size(), after + limit)))
              : null;
    }
    return CompletableFuture.supplyAsync(() -> page, reads);
  }

  @Override
  public int compare(String a, String b) {
    return Long.compare(Long.parseLong(a), Long.parseLong(b));
  }

  @Override
  public BroadcastStats.Journal status() {
    return new BroadcastStats.Journal(true, 0, 0, 0, 0, 0);
  }

  @Override
  public void close() {
    closed = true;
  }
}
