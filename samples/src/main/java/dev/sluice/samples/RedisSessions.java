package dev.sluice.samples;

import dev.sluice.samples.ChatSessions.ChatUser;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chat's sessions in one Redis hash ({@code sluice-demo:sessions}, session id to name), so that
 * every demo node on that Redis knows every session; each node keeps those it has met. At most
 * {@code maxSessions}, there and in each node's memory. Lettuce reconnects this connection by
 * itself: a session written twice after a reconnect is the same session.
 */
final class RedisSessions implements ChatSessions.Store {
  private static final String KEY = "sluice-demo:sessions";

  private final RedisClient client;
  private final int maxSessions;
  private final Map<String, ChatUser> known = new ConcurrentHashMap<>();
  private StatefulRedisConnection<String, String> connection;

  RedisSessions(String uri, int maxSessions) {
    RedisURI redis = RedisURI.create(uri);
    redis.setTimeout(Duration.ofSeconds(2)); // a request waits this long at most
    this.client = RedisClient.create(redis);
    this.maxSessions = maxSessions;
  }

  /** Connects on first use, so that the demo starts while Redis is away. */
  private synchronized RedisCommands<String, String> redis() {
    if (connection == null) {
      connection = client.connect();
    }
    return connection.sync();
  }

  @Override
  public ChatUser find(String session) {
    ChatUser user = known.get(session);
    if (user != null) {
      return user;
    }
    String name = redis().hget(KEY, session);
    if (name == null) {
      return null; // forged, or signed in on a Redis that lost it
    }
    user = new ChatUser(name);
    if (known.size() < maxSessions) {
      known.put(session, user);
    }
    return user;
  }

  @Override
  public boolean add(String session, ChatUser user) {
    if (redis().hlen(KEY) >= maxSessions) {
      return false;
    }
    redis().hset(KEY, session, user.name());
    if (known.size() < maxSessions) {
      known.put(session, user);
    }
    return true;
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      connection.close();
    }
    client.shutdown();
  }
}
