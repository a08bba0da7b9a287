package dev.sluice;

import dev.sluice.internal.broadcast.slow.Disconnect;
import dev.sluice.internal.broadcast.slow.DropOldest;
import dev.sluice.internal.broadcast.slow.LatestPerKey;
import dev.sluice.internal.broadcast.slow.SlowClientRule;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * What an {@link SseBroadcaster} does with a subscriber that falls behind: one whose connection
 * cannot take events as fast as they are published. A broadcast cannot slow down for one reader,
 * and memory per connection stays bounded whatever the policy: every subscriber reads the
 * broadcaster's one shared history.
 *
 * @param <T> the broadcast's data type
 */
public final class SlowClientPolicy<T> {
  private final SlowClientRule<T> rule;

  private SlowClientPolicy(SlowClientRule<T> rule) {
    this.rule = rule;
  }

  /**
   * Closes the connection of a subscriber more than {@code maxQueued} events behind for longer than
   * {@code grace} (at once if it falls behind the history). The client reconnects with {@code
   * Last-Event-ID} and replays what it missed from the history: nothing lost, nobody else delayed.
   * The default, with 512 events and 10 seconds.
   *
   * <p>It judges the client, not the server: on a Sluice event stream, the grace runs only while
   * the subscriber's connection holds bytes its client has not taken. A subscriber that is behind
   * while its connection drains is waiting on a server short of CPU, and is left alone.
   */
  public static <T> SlowClientPolicy<T> disconnect(int maxQueued, Duration grace) {
    Objects.requireNonNull(grace, "grace");
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative: " + grace);
    }
    return new SlowClientPolicy<>(new Disconnect<>(positive(maxQueued), grace));
  }

  /**
   * Skips the oldest events of a subscriber more than {@code maxQueued} behind, so that it stays at
   * most that far behind; skipped events are counted as dropped.
   */
  public static <T> SlowClientPolicy<T> dropOldest(int maxQueued) {
    return new SlowClientPolicy<>(new DropOldest<>(positive(maxQueued)));
  }

  /**
   * Lets a subscriber that is behind skip every event whose key has a newer event already
   * published: a price ticker's reader gets the newest price of each symbol, not every price it
   * missed. Events without data are never skipped. A subscriber that falls behind the whole history
   * continues from its oldest event. Skipped events are counted as dropped.
   *
   * @param key the key of an event's data, such as {@code Quote::symbol}; the broadcaster remembers
   *     the newest event of each key, so keys should be few (symbols, rooms), not unbounded
   *     (request ids)
   */
  public static <T> SlowClientPolicy<T> latestPerKey(Function<? super T, ?> key) {
    return new SlowClientPolicy<>(new LatestPerKey<>(Objects.requireNonNull(key, "key")));
  }

  private static int positive(int maxQueued) {
    if (maxQueued < 1) {
      throw new IllegalArgumentException("maxQueued must be at least 1, got " + maxQueued);
    }
    return maxQueued;
  }

  /** What the broadcaster applies. */
  SlowClientRule<T> rule() {
    return rule;
  }
}
