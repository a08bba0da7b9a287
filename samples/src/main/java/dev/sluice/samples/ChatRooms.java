package dev.sluice.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.PublishException;
import dev.sluice.SseBroadcaster;
import dev.sluice.SseEvent;
import dev.sluice.SseStatusException;
import dev.sluice.annotation.Authenticated;
import dev.sluice.annotation.LastEventId;
import dev.sluice.annotation.PathParam;
import dev.sluice.annotation.SseEndpoint;
import dev.sluice.redis.RedisStreamJournal;
import dev.sluice.samples.ChatSessions.ChatUser;
import dev.sluice.spi.BroadcastJournal;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The chat: one {@link SseBroadcaster} per room. Signed-in clients ({@link ChatSessions}) read
 * {@code GET /rooms/{room}/events} and post to {@code POST /rooms/{room}/messages} as the name they
 * signed in with; a reconnecting browser sends the id of the last message it showed and gets
 * exactly the ones after it. {@link #onRedis} puts every room on a Redis stream, so that demo nodes
 * sharing one Redis (and their sessions) share the rooms, and a browser resumes on any of them.
 */
public class ChatRooms implements AutoCloseable {
  /** Room names clients may use; with the room limit, clients cannot grow the map at will. */
  private static final Pattern ROOM = Pattern.compile("[a-z0-9-]{1,32}");

  private static final int MAX_ROOMS = 100;
  private static final int MAX_MESSAGE_BYTES = 4096;
  private static final int MAX_TEXT = 500;

  private final Map<String, SseBroadcaster<ChatMessage>> rooms = new ConcurrentHashMap<>();
  private final ObjectMapper json = new ObjectMapper();
  private final ChatSessions sessions;

  /** Where a room's events live, given its name: null for this JVM, else a Redis stream. */
  private final Function<String, BroadcastJournal<ChatMessage>> journals;

  private final Runnable onClose;

  /** Rooms in this JVM only. */
  public ChatRooms(ChatSessions sessions) {
    this(sessions, name -> null, () -> {});
  }

  private ChatRooms(
      ChatSessions sessions,
      Function<String, BroadcastJournal<ChatMessage>> journals,
      Runnable onClose) {
    this.sessions = sessions;
    this.journals = journals;
    this.onClose = onClose;
  }

  /**
   * Rooms on the Redis at {@code uri}, one Redis stream each ({@code sluice-demo:room:<name>}),
   * shared with every demo node on that Redis; give it sessions there too ({@link
   * ChatSessions#onRedis}).
   */
  public static ChatRooms onRedis(ChatSessions sessions, String uri) {
    RedisClient redis = RedisClient.create(uri);
    // The journal reconnects by itself; a client that does too could send an XADD twice.
    redis.setOptions(ClientOptions.builder().autoReconnect(false).build());
    return new ChatRooms(
        sessions,
        name ->
            RedisStreamJournal.builder(redis, "sluice-demo:room:" + name, ChatMessage.class)
                .build(),
        redis::shutdown);
  }

  /** The room's messages after {@code lastEventId}, then live ones. */
  // For signed-in users only: an anonymous request gets 401, before anything is replayed.
  @SseEndpoint("/rooms/{room}/events")
  public Flow.Publisher<SseEvent<ChatMessage>> events(
      @PathParam("room") String room,
      @Authenticated ChatUser user,
      @LastEventId String lastEventId) {
    return room(room).subscribe(lastEventId);
  }

  /** Publishes a message to a room; the handler for {@code POST /rooms/{room}/messages}. */
  public SseEvent<ChatMessage> post(String room, String author, String text) {
    return room(room).publish(new ChatMessage(author, text, System.currentTimeMillis()));
  }

  /**
   * {@code POST /rooms/{room}/messages} with {@code {"text": ..}} as JSON, from a page of this
   * site, by a signed-in user: 204. A cross-site post gets 403 (or 415, a form's type).
   */
  public HttpHandler postHandler() {
    return exchange -> {
      if (ChatSessions.refusePost(exchange) != null) {
        return;
      }
      if (exchange.getRequestContentLength() > MAX_MESSAGE_BYTES) {
        reply(exchange, 413, "A message is at most " + MAX_MESSAGE_BYTES + " bytes");
        return;
      }
      exchange.setMaxEntitySize(MAX_MESSAGE_BYTES); // a chunked body over it is cut off
      String room =
          exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get("room");
      exchange
          .getRequestReceiver()
          .receiveFullBytes(
              (ex, body) -> ex.dispatch(() -> publish(ex, room, body)),
              (ex, e) -> reply(ex, 413, "A message is at most " + MAX_MESSAGE_BYTES + " bytes"));
    };
  }

  /** On a worker: the session is looked up here, as its store may be Redis. */
  private void publish(HttpServerExchange exchange, String room, byte[] body) {
    ChatUser user = sessions.user(exchange);
    if (user == null) {
      exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, ChatSessions.CHALLENGE);
      reply(exchange, 401, "Sign in first");
      return;
    }
    String text;
    try {
      JsonNode message = json.readTree(body);
      text = message.path("text").asText("").strip();
    } catch (IOException e) {
      reply(exchange, 400, "Send JSON: {\"text\": \"...\"}");
      return;
    }
    if (text.isEmpty() || text.length() > MAX_TEXT) {
      reply(exchange, 400, "text needs 1 to " + MAX_TEXT + " characters");
      return;
    }
    try {
      post(room, user.name(), text);
      exchange.setStatusCode(204);
      exchange.endExchange();
    } catch (SseStatusException e) {
      reply(exchange, e.status(), e.getMessage());
    } catch (PublishException e) {
      exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "2");
      reply(exchange, 503, "The message was not sent: " + e.getMessage());
    } catch (RuntimeException e) {
      System.getLogger("dev.sluice.samples").log(System.Logger.Level.ERROR, "chat post failed", e);
      reply(exchange, 500, "Internal Server Error");
    }
  }

  private SseBroadcaster<ChatMessage> room(String name) {
    if (name == null || !ROOM.matcher(name).matches()) {
      throw new SseStatusException(404, "Rooms are named with 1 to 32 of a-z, 0-9 and '-'");
    }
    SseBroadcaster<ChatMessage> room = rooms.get(name);
    if (room != null) {
      return room;
    }
    if (rooms.size() >= MAX_ROOMS) {
      throw new SseStatusException(503, "The demo holds at most " + MAX_ROOMS + " rooms");
    }
    return rooms.computeIfAbsent(
        name,
        n -> {
          SseBroadcaster.Builder<ChatMessage> broadcaster =
              SseBroadcaster.<ChatMessage>builder().history(500, Duration.ofHours(1));
          BroadcastJournal<ChatMessage> journal = journals.apply(n);
          return (journal == null ? broadcaster : broadcaster.journal(journal)).build();
        });
  }

  /** Closes every room (on Redis: stops following its Redis stream), then the Redis client. */
  @Override
  public void close() {
    rooms.values().forEach(SseBroadcaster::close);
    onClose.run();
  }

  private static void reply(HttpServerExchange exchange, int status, String message) {
    ChatSessions.reply(exchange, status, message);
  }
}
