package dev.sluice.redis;

import dev.sluice.spi.BroadcastJournal;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one reader of a Redis stream's key on this node: a thread of its own, on a connection of its
 * own (an {@code XREAD BLOCK} holds its connection), reading from the last id it saw, never from
 * {@code $}, so that an outage costs nothing Redis kept. On a failure it closes the connection,
 * waits (doubling from the minimum delay up to the maximum), connects again, checks that the last
 * id it saw is still there (else entries may have been trimmed, or the Redis stream recreated,
 * while it was away: the feed hears of a gap), and reads on.
 *
 * <p>It starts with the Redis stream's recent entries, as many as the history keeps and none older
 * than it keeps them, so that a node that just started resumes clients from its own history,
 * encoded once, like the nodes that have run for long, instead of reading Redis for each.
 */
final class RedisStreamFollower implements Runnable {
  private static final System.Logger LOG = System.getLogger("dev.sluice.redis");

  /** Entries taken per XREAD at most: bounds what one read holds in memory. */
  static final int BATCH = 256;

  private static final long SKIP_LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final RedisClient client;
  private final String key;
  private final Duration block;
  private final Duration timeout;
  private final Backoff backoff;
  private final RedisStreamCommands<?> commands;
  private final EntryFields<?> fields;
  private final BroadcastJournal.Feed<?> feed;
  private final BroadcastJournal.Retention retention;
  private volatile boolean closed;
  private volatile Thread thread;
  // Follower thread only.
  private StatefulRedisConnection<String, String> connection;
  private String position;
  private boolean wasConnected;
  private boolean outageLogged;
  private long lastSkipLogged;

  volatile boolean connected;
  final AtomicLong reconnects = new AtomicLong();
  volatile long lagMillis = -1;
  final AtomicLong gaps = new AtomicLong();
  final AtomicLong unreadable;

  <T> RedisStreamFollower(
      RedisClient client,
      String key,
      Duration block,
      Duration timeout,
      Backoff backoff,
      RedisStreamCommands<T> commands,
      EntryFields<T> fields,
      BroadcastJournal.Feed<T> feed,
      BroadcastJournal.Retention retention,
      AtomicLong unreadable) {
    this.client = client;
    this.key = key;
    this.block = block;
    this.timeout = timeout;
    this.backoff = backoff;
    this.commands = commands;
    this.fields = fields;
    this.feed = feed;
    this.retention = retention;
    this.unreadable = unreadable;
  }

  /**
   * Connects once on the calling thread, so that following has begun (and publishers have a
   * connection) when the broadcaster is built, then follows on a thread of its own. With Redis
   * away, that thread keeps trying.
   */
  void start() {
    try {
      connect();
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Redis stream "
              + key
              + " cannot be followed yet ("
              + e
              + "); trying again in the background");
      outageLogged = true;
      disconnect();
    }
    Thread follower = new Thread(this, "sluice-redis-follower-" + key);
    follower.setDaemon(true);
    thread = follower;
    follower.start(); // hands this thread's state over to it
  }

  @Override
  public void run() {
    while (!closed) {
      try {
        if (connection == null) {
          connect();
        }
        commands.reconnectIfClosed();
        read();
        backoff.reset();
      } catch (RuntimeException e) {
        if (closed) {
          break;
        }
        if (!outageLogged) { // once an outage: the reconnect is logged when it succeeds
          outageLogged = true;
          LOG.log(
              Level.WARNING,
              "Following Redis stream "
                  + key
                  + " failed ("
                  + e
                  + "); reconnecting, then resuming after "
                  + position);
        }
        connected = false;
        disconnect();
        pause(backoff.nextDelayNanos());
      }
    }
    disconnect();
  }

  private void connect() {
    connection = client.connect(StringCodec.UTF8);
    connection.setTimeout(block.plus(timeout)); // an XREAD BLOCK is slow by design
    RedisCommands<String, String> redis = connection.sync();
    if (position == null) {
      begin(redis.xrevrange(key, Range.unbounded(), Limit.from(retention.maxEvents() + 1L)));
    } else if (!position.equals(RedisStreamIds.BEFORE_ANY)
        && redis.xrange(key, Range.create(position, position)).isEmpty()) {
      gaps.incrementAndGet();
      LOG.log(
          Level.WARNING,
          "Redis stream "
              + key
              + " no longer holds "
              + position
              + ", the last entry this node followed: subscribers are told their history was lost");
      feed.lost(position);
    }
    // Publishers get a connection only now: what they append comes after the position.
    commands.reconnectIfClosed();
    if (wasConnected) {
      reconnects.incrementAndGet();
      LOG.log(Level.INFO, "Following Redis stream " + key + " again, after " + position);
    }
    wasConnected = true;
    outageLogged = false;
    connected = true;
  }

  /**
   * Starts the history with the recent entries ({@code newestFirst}, one more than the history
   * keeps). Following starts at the entry just before the first one taken: the broadcaster reads on
   * from Redis for a client that saw it or an earlier one. Only when the Redis stream holds no
   * entry before those taken does it start "before any" ({@link RedisStreamIds#BEFORE_ANY}), which
   * is safe: a client's id older than the Redis stream's first entry is not in the Redis stream,
   * and such a client is told its history was lost.
   */
  private void begin(List<StreamMessage<String, String>> newestFirst) {
    long oldestKept = System.currentTimeMillis() - retention.maxAge().toMillis();
    int taken = 0;
    while (taken < newestFirst.size()
        && taken < retention.maxEvents()
        && RedisStreamIds.millis(newestFirst.get(taken).getId()) >= oldestKept) {
      taken++;
    }
    position =
        taken < newestFirst.size() ? newestFirst.get(taken).getId() : RedisStreamIds.BEFORE_ANY;
    feed.following(position);
    for (int i = taken - 1; i >= 0; i--) {
      position = newestFirst.get(i).getId();
      accept(newestFirst.get(i));
    }
  }

  @SuppressWarnings("unchecked") // xread takes StreamOffset<K>... and we pass one
  private void read() {
    List<StreamMessage<String, String>> messages =
        connection
            .sync()
            .xread(
                XReadArgs.Builder.block(block).count(BATCH),
                XReadArgs.StreamOffset.from(key, position));
    for (StreamMessage<String, String> message : messages) {
      position = message.getId();
      lagMillis = Math.max(0, System.currentTimeMillis() - RedisStreamIds.millis(position));
      accept(message);
    }
  }

  @SuppressWarnings("unchecked") // the fields and the feed are of one broadcast's type
  private void accept(StreamMessage<String, String> message) {
    BroadcastJournal.Entry<Object> entry;
    try {
      entry = ((EntryFields<Object>) fields).decode(message.getId(), message.getBody());
    } catch (IOException | RuntimeException e) {
      long skipped = unreadable.incrementAndGet();
      long now = System.nanoTime();
      if (lastSkipLogged == 0 || now - lastSkipLogged > SKIP_LOG_EVERY_NANOS) {
        lastSkipLogged = now; // whoever writes the Redis stream decides how often this happens
        LOG.log(
            Level.WARNING,
            "Skipped entry "
                + message.getId()
                + " of Redis stream "
                + key
                + ": it is not an event of this broadcast ("
                + e
                + "); "
                + skipped
                + " skipped so far");
      }
      return;
    }
    try {
      ((BroadcastJournal.Feed<Object>) feed).accept(entry);
    } catch (RuntimeException e) { // the broadcast's own code (a key function) failed on it
      LOG.log(
          Level.ERROR,
          "The broadcast failed on entry "
              + message.getId()
              + " of Redis stream "
              + key
              + "; skipped",
          e);
    }
  }

  private void pause(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // close() wakes us: the loop ends
      closed = true;
    }
  }

  private void disconnect() {
    if (connection != null) {
      connection.closeAsync();
      connection = null;
    }
  }

  /** Stops following, and waits a bounded time for the thread to end. */
  void close() {
    closed = true;
    Thread follower = thread;
    if (follower != null && follower != Thread.currentThread()) {
      follower.interrupt();
      try {
        follower.join(block.plus(timeout).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
