package dev.sluice.redis;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.BroadcastStats;
import dev.sluice.SseEvent;
import dev.sluice.spi.BroadcastJournal;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@code SseBroadcaster}'s journal on one Redis stream key: every node's broadcaster on the same
 * key publishes to it and follows it, so that an event published on any node reaches the
 * subscribers of all of them, with the Redis entry id as its SSE id, and a client resumes on any
 * node.
 *
 * <pre>{@code
 * RedisClient redis = RedisClient.create("redis://127.0.0.1:6379");
 * SseBroadcaster<ChatMessage> lobby = SseBroadcaster.<ChatMessage>builder()
 *     .history(500, Duration.ofHours(1))            // XADD MAXLEN ~ 500, XTRIM MINID ~ 1 h ago
 *     .journal(RedisStreamJournal.builder(redis, "chat:lobby", ChatMessage.class).build())
 *     .build();                     // takes the recent entries, then follows the Redis stream
 * }</pre>
 *
 * <ul>
 *   <li>{@code publish} is an {@code XADD} with approximate {@code MAXLEN} (the history's event
 *       count), and at most once a second an approximate {@code XTRIM MINID} (its age, by this
 *       node's clock), on a connection shared by all publishers. It waits at most {@link
 *       Builder#timeout timeout} for Redis, fails at once while Redis is unreachable, and reports
 *       every failure as {@code PublishException}.
 *   <li>Each entry holds the event's fields: {@code data} (JSON of the broadcast's type, by the
 *       builder's {@code ObjectMapper}), {@code json} ({@code 1} if the event forces JSON), {@code
 *       event}, {@code retry} (milliseconds), {@code comment}, and {@code key} (the latest-per-key
 *       key), so that any Redis client can read the Redis stream, and write to it. An entry that is
 *       not such an event is skipped and counted.
 *   <li>One follower thread per broadcaster, with a connection of its own, starts with the Redis
 *       stream's recent entries (as many as the history keeps, none older than it keeps them), so
 *       that a node just started resumes clients from its own history, then reads the Redis stream
 *       with {@code XREAD BLOCK} from the last id it saw. Redis away or restarting: the node's
 *       streams stay open (with their heartbeats); the follower reconnects, waiting from {@link
 *       Builder#reconnectDelay min} doubling up to max between attempts, and resumes after its last
 *       id, so no subscriber misses what Redis kept. If that id is gone (trimmed, or the Redis
 *       stream recreated by a Redis without persistence), subscribers get {@code
 *       sluice-history-lost} before the next event.
 *   <li>A {@code Last-Event-ID} the node's history lacks is read with {@code XRANGE} from that id
 *       (which must still be in the Redis stream, else the client gets {@code
 *       sluice-history-lost}).
 *   <li>{@code SseBroadcaster.stats().journal()}: connected, reconnects, lag (entry id time to
 *       receipt), failed appends, unreadable entries, gaps.
 * </ul>
 *
 * <p>Use one broadcaster per key on a node: each follows the Redis stream on its own connection.
 *
 * @param <T> the type of the events' data
 */
public final class RedisStreamJournal<T> implements BroadcastJournal<T> {
  private final RedisClient client;
  private final boolean ownsClient;
  private final String key;
  private final JavaType type;
  private final ObjectMapper mapper;
  private final Duration timeout;
  private final Duration block;
  private final Duration minReconnectDelay;
  private final Duration maxReconnectDelay;
  private final AtomicLong unreadable = new AtomicLong();
  private volatile RedisStreamCommands<T> commands;
  private volatile RedisStreamFollower follower;
  private boolean closed;

  private RedisStreamJournal(Builder<T> builder) {
    this.client = builder.client;
    this.ownsClient = builder.ownsClient;
    this.key = builder.key;
    this.mapper = builder.mapper;
    this.type = builder.type.apply(mapper);
    this.timeout = builder.timeout;
    this.block = builder.block;
    this.minReconnectDelay = builder.minReconnectDelay;
    this.maxReconnectDelay = builder.maxReconnectDelay;
  }

  /**
   * A journal on {@code key}, through a client of yours (created with the server's URI). Give it
   * {@code ClientOptions.builder().autoReconnect(false)}, as {@link #builder(RedisURI, String,
   * Class)} does: the journal reconnects by itself, and a client that also does may send an {@code
   * XADD} again after a reconnect, appending an event twice.
   */
  public static <T> Builder<T> builder(RedisClient client, String key, Class<T> type) {
    return new Builder<>(
        Objects.requireNonNull(client, "client"),
        false,
        key,
        mapper -> mapper.constructType(Objects.requireNonNull(type, "type")));
  }

  /** As {@link #builder(RedisClient, String, Class)}, for a generic data type. */
  public static <T> Builder<T> builder(RedisClient client, String key, TypeReference<T> type) {
    return new Builder<>(
        Objects.requireNonNull(client, "client"),
        false,
        key,
        mapper -> mapper.constructType(Objects.requireNonNull(type, "type")));
  }

  /** A journal on {@code key} of the Redis at {@code uri}, on a client of its own. */
  public static <T> Builder<T> builder(RedisURI uri, String key, Class<T> type) {
    RedisClient client = RedisClient.create(Objects.requireNonNull(uri, "uri"));
    client.setOptions(ClientOptions.builder().autoReconnect(false).build());
    return new Builder<>(
        client, true, key, mapper -> mapper.constructType(Objects.requireNonNull(type, "type")));
  }

  @Override
  public synchronized void start(Retention retention, Feed<T> feed) {
    if (commands != null) {
      throw new IllegalStateException(
          "A RedisStreamJournal serves one broadcaster; " + key + " is already started");
    }
    EntryFields<T> fields = new EntryFields<>(mapper, type);
    RedisStreamCommands<T> started =
        new RedisStreamCommands<>(client, key, timeout, fields, retention, unreadable);
    RedisStreamFollower following =
        new RedisStreamFollower(
            client,
            key,
            block,
            timeout,
            new Backoff(minReconnectDelay, maxReconnectDelay),
            started,
            fields,
            feed,
            retention,
            unreadable);
    commands = started;
    follower = following;
    following.start();
  }

  @Override
  public String append(SseEvent<T> event, String eventKey) {
    return started().append(event, eventKey);
  }

  @Override
  public CompletionStage<List<Entry<T>>> readAfter(String id, int limit) {
    return started().readAfter(id, limit);
  }

  @Override
  public int compare(String a, String b) {
    return RedisStreamIds.compare(a, b);
  }

  @Override
  public BroadcastStats.Journal status() {
    RedisStreamFollower following = follower;
    RedisStreamCommands<T> started = commands;
    if (following == null || started == null) {
      return new BroadcastStats.Journal(false, 0, -1, 0, unreadable.get(), 0);
    }
    return new BroadcastStats.Journal(
        following.connected,
        following.reconnects.get(),
        following.lagMillis,
        started.appendFailures.get(),
        unreadable.get(),
        following.gaps.get());
  }

  /** The Redis stream's key. */
  public String key() {
    return key;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (follower != null) {
      follower.close();
    }
    if (commands != null) {
      commands.close();
    }
    if (ownsClient) {
      client.shutdown();
    }
  }

  private RedisStreamCommands<T> started() {
    RedisStreamCommands<T> started = commands;
    if (started == null) {
      throw new IllegalStateException(
          "Give the journal to SseBroadcaster.builder().journal(..) first");
    }
    return started;
  }

  /**
   * Configures a {@link RedisStreamJournal}.
   *
   * @param <T> the type of the events' data
   */
  public static final class Builder<T> {
    private static final Duration MIN_RECONNECT_DELAY = Duration.ofMillis(1);
    private final RedisClient client;
    private final boolean ownsClient;
    private final String key;
    private final java.util.function.Function<ObjectMapper, JavaType> type;
    private ObjectMapper mapper = new ObjectMapper();
    private Duration timeout = Duration.ofSeconds(2);
    private Duration block = Duration.ofSeconds(1);
    private Duration minReconnectDelay = Duration.ofMillis(100);
    private Duration maxReconnectDelay = Duration.ofSeconds(2);

    private Builder(
        RedisClient client,
        boolean ownsClient,
        String key,
        java.util.function.Function<ObjectMapper, JavaType> type) {
      this.client = client;
      this.ownsClient = ownsClient;
      this.key = Objects.requireNonNull(key, "key");
      if (key.isEmpty()) {
        throw new IllegalArgumentException("The Redis stream's key must not be empty");
      }
      this.type = type;
    }

    /** Writes and reads the events' data; default {@code new ObjectMapper()}. */
    public Builder<T> objectMapper(ObjectMapper mapper) {
      this.mapper = Objects.requireNonNull(mapper, "mapper");
      return this;
    }

    /**
     * The longest a publish waits for Redis, and a replay read or any other command; default 2 s.
     */
    public Builder<T> timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /**
     * How long one {@code XREAD BLOCK} waits for new entries; default 1 s. The follower also checks
     * the publishers' connection this often.
     */
    public Builder<T> block(Duration block) {
      this.block = positive(block, "block");
      return this;
    }

    /**
     * The wait before reconnecting after a failure: {@code min} (at least 1 ms) first, doubling
     * each failure up to {@code max}; default 100 ms to 2 s. Publishers get a connection again when
     * the follower has one, so {@code max} also bounds how long publishing fails after Redis is
     * back.
     */
    public Builder<T> reconnectDelay(Duration min, Duration max) {
      positive(min, "min");
      positive(max, "max");
      if (min.compareTo(MIN_RECONNECT_DELAY) < 0) {
        throw new IllegalArgumentException(
            "min must be at least "
                + MIN_RECONNECT_DELAY
                + ", so that a Redis that is away is not called in a loop: "
                + min);
      }
      if (max.compareTo(min) < 0) {
        throw new IllegalArgumentException("max " + max + " is shorter than min " + min);
      }
      this.minReconnectDelay = min;
      this.maxReconnectDelay = max;
      return this;
    }

    public RedisStreamJournal<T> build() {
      return new RedisStreamJournal<>(this);
    }

    private static Duration positive(Duration duration, String what) {
      Objects.requireNonNull(duration, what);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(what + " must be positive: " + duration);
      }
      return duration;
    }
  }
}
