package dev.sluice.internal.broadcast.slow;

import java.util.function.Function;

/**
 * Lets a subscriber that is behind skip every event whose key has a newer event in the history (the
 * broadcast skips those as it delivers); one that falls out of the history goes on from its oldest
 * event.
 */
public final class LatestPerKey<T> extends SlowClientRule<T> {
  private final Function<? super T, ?> key;

  public LatestPerKey(Function<? super T, ?> key) {
    super(Integer.MAX_VALUE);
    this.key = key;
  }

  @Override
  public void checkHistory(int maxEvents) {
    // Nothing to check: a subscriber is never more than the history behind.
  }

  @Override
  public boolean tracksKeys() {
    return true;
  }

  @Override
  public Object keyOf(T data) {
    return data == null ? null : key.apply(data);
  }

  @Override
  public boolean fellOutOfHistory(Laggard subscriber, long oldest) {
    subscriber.skipTo(oldest);
    return true;
  }

  @Override
  public boolean keepUp(Laggard subscriber, long end) {
    return true;
  }
}
