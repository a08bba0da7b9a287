package dev.sluice.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sluice.PublishException;
import dev.sluice.SseEvent;
import dev.sluice.spi.BroadcastJournal;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XTrimArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends ({@code XADD}) and replay reads ({@code XRANGE}) on one connection shared by every
 * thread, as Lettuce connections are made to be. Nothing here connects: while the connection is
 * down, calls fail at once, and the follower, which notices outages, opens a new one ({@link
 * #reconnectIfClosed}), so that no publisher ever waits on a connect.
 */
final class RedisStreamCommands<T> implements AutoCloseable {
  /** Trimming by age (a second command, as XADD takes one bound) at most this often. */
  private static final long TRIM_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final RedisClient client;
  private final String key;
  private final Duration timeout;
  private final EntryFields<T> fields;
  private final XAddArgs addArgs;
  private final long maxAgeMillis;
  private volatile StatefulRedisConnection<String, String> connection;
  private volatile boolean closed;
  private final AtomicLong lastTrimNanos = new AtomicLong(System.nanoTime() - TRIM_EVERY_NANOS);
  final AtomicLong appendFailures = new AtomicLong();
  final AtomicLong unreadable;

  RedisStreamCommands(
      RedisClient client,
      String key,
      Duration timeout,
      EntryFields<T> fields,
      BroadcastJournal.Retention retention,
      AtomicLong unreadable) {
    this.client = client;
    this.key = key;
    this.timeout = timeout;
    this.fields = fields;
    this.unreadable = unreadable;
    // Approximate: Redis trims whole nodes of its radix tree, which is cheap, keeping a few more.
    this.addArgs = new XAddArgs().maxlen(retention.maxEvents()).approximateTrimming();
    this.maxAgeMillis = retention.maxAge().toMillis();
  }

  /** Follower only: opens a connection if there is none, or it was lost; blocking. */
  void reconnectIfClosed() {
    StatefulRedisConnection<String, String> current = connection;
    if (closed || current != null && current.isOpen()) {
      return;
    }
    if (current != null) {
      current.closeAsync(); // a client that reconnects by itself would replay a lost XADD
    }
    StatefulRedisConnection<String, String> fresh = client.connect(StringCodec.UTF8);
    fresh.setTimeout(timeout);
    connection = fresh;
    if (closed) {
      fresh.closeAsync();
    }
  }

  String append(SseEvent<T> event, String eventKey) {
    StatefulRedisConnection<String, String> current = connection;
    if (closed) {
      throw failed("The broadcast's Redis journal is closed", null);
    }
    if (current == null || !current.isOpen()) {
      throw failed("Redis is unreachable; the event was not published", null);
    }
    Map<String, String> body;
    try {
      body = fields.encode(event, eventKey);
    } catch (JsonProcessingException e) {
      throw failed("The event's data cannot be written as JSON; it was not published", e);
    }
    RedisFuture<String> added = current.async().xadd(key, addArgs, body);
    String id;
    try {
      id = added.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw failed(
          "Redis did not answer within " + timeout + "; the event may still be appended", e);
    } catch (ExecutionException e) {
      throw failed("Redis did not append the event: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed("Interrupted while Redis appended the event; it may still be appended", e);
    }
    trimByAgeNowAndThen(current);
    return id;
  }

  private PublishException failed(String message, Throwable cause) {
    appendFailures.incrementAndGet();
    return new PublishException(message, cause);
  }

  private void trimByAgeNowAndThen(StatefulRedisConnection<String, String> current) {
    long last = lastTrimNanos.get();
    long now = System.nanoTime();
    long oldestKept = System.currentTimeMillis() - maxAgeMillis;
    if (now - last < TRIM_EVERY_NANOS
        || oldestKept <= 0
        || !lastTrimNanos.compareAndSet(last, now)) {
      return;
    }
    // Not waited for: a trim that fails is done by the next one.
    current.async().xtrim(key, new XTrimArgs().minId(oldestKept + "-0").approximateTrimming());
  }

  /** See {@link BroadcastJournal#readAfter}: one XRANGE from the id itself, to see it is there. */
  CompletionStage<List<BroadcastJournal.Entry<T>>> readAfter(String id, int limit) {
    if (!RedisStreamIds.valid(id)) {
      return CompletableFuture.completedFuture(null); // no such entry can exist
    }
    StatefulRedisConnection<String, String> current = connection;
    if (closed || current == null || !current.isOpen()) {
      return CompletableFuture.failedFuture(new IllegalStateException("Redis is unreachable"));
    }
    Range<String> fromId = Range.from(Range.Boundary.including(id), Range.Boundary.unbounded());
    return current
        .async()
        .xrange(key, fromId, Limit.from(limit + 1L))
        .toCompletableFuture()
        .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
        .thenApply(
            messages ->
                messages.isEmpty() || !messages.get(0).getId().equals(id)
                    ? null
                    : decode(messages.subList(1, messages.size())));
  }

  private List<BroadcastJournal.Entry<T>> decode(List<StreamMessage<String, String>> messages) {
    List<BroadcastJournal.Entry<T>> entries = new ArrayList<>(messages.size());
    for (StreamMessage<String, String> message : messages) {
      try {
        entries.add(fields.decode(message.getId(), message.getBody()));
      } catch (IOException | RuntimeException e) {
        unreadable.incrementAndGet(); // the follower logs it when it meets it
      }
    }
    return entries;
  }

  @Override
  public void close() {
    closed = true;
    StatefulRedisConnection<String, String> current = connection;
    if (current != null) {
      current.close();
    }
  }
}
