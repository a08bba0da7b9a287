package dev.sluice.internal.broadcast;

import dev.sluice.SseEvent;

/** One event of a broadcast's history, at its place in it. */
final class Entry<T> {
  final long seq;
  final SseEvent<T> event;
  final long publishedNanos;

  /** Its latest-per-key key, or null. */
  final Object key;

  /** The id appended just before this entry by the source (its predecessor there), or null. */
  final String previousId;

  /** The last id before a gap in the source that this entry follows, or null. */
  final String lostAfter;

  /** Its bytes, encoded once for every event stream. */
  final SharedEncoding encoding;

  /** Encoded for the direct subscribers' encoders: until then, subscribers stop before it. */
  volatile boolean ready;

  Entry(
      long seq,
      SseEvent<T> event,
      long publishedNanos,
      Object key,
      String previousId,
      String lostAfter) {
    this.seq = seq;
    this.event = event;
    this.publishedNanos = publishedNanos;
    this.key = key;
    this.previousId = previousId;
    this.lostAfter = lostAfter;
    this.encoding = new SharedEncoding(event);
  }
}
