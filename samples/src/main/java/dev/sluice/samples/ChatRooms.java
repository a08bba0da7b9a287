package dev.sluice.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.SseBroadcaster;
import dev.sluice.SseEvent;
import dev.sluice.SseStatusException;
import dev.sluice.annotation.Authenticated;
import dev.sluice.annotation.LastEventId;
import dev.sluice.annotation.PathParam;
import dev.sluice.annotation.SseEndpoint;
import dev.sluice.samples.ChatSessions.ChatUser;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.regex.Pattern;

/**
 * The chat: one {@link SseBroadcaster} per room. Signed-in clients ({@link ChatSessions}) read
 * {@code GET /rooms/{room}/events} and post to {@code POST /rooms/{room}/messages} as the name
 * they signed in with; a reconnecting browser sends the id of the last message it showed and
 * gets exactly the ones after it.
 */
public class ChatRooms {
  /** Room names clients may use; with the room limit, clients cannot grow the map at will. */
  private static final Pattern ROOM = Pattern.compile("[a-z0-9-]{1,32}");
  private static final int MAX_ROOMS = 100;
  private static final int MAX_MESSAGE_BYTES = 4096;
  private static final int MAX_TEXT = 500;

  private final Map<String, SseBroadcaster<ChatMessage>> rooms = new ConcurrentHashMap<>();
  private final ObjectMapper json = new ObjectMapper();
  private final ChatSessions sessions;

  public ChatRooms(ChatSessions sessions) {
    this.sessions = sessions;
  }

  /** The room's messages after {@code lastEventId}, then live ones. */
  // For signed-in users only: an anonymous request gets 401, before anything is replayed.
  @SseEndpoint("/rooms/{room}/events")
  public Flow.Publisher<SseEvent<ChatMessage>> events(@PathParam("room") String room,
      @Authenticated ChatUser user, @LastEventId String lastEventId) {
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
      ChatUser user = sessions.user(exchange);
      if (user == null) {
        exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, ChatSessions.CHALLENGE);
        reply(exchange, 401, "Sign in first");
        return;
      }
      if (exchange.getRequestContentLength() > MAX_MESSAGE_BYTES) {
        reply(exchange, 413, "A message is at most " + MAX_MESSAGE_BYTES + " bytes");
        return;
      }
      exchange.setMaxEntitySize(MAX_MESSAGE_BYTES); // a chunked body over it is cut off
      String room = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY)
          .getParameters().get("room");
      exchange.getRequestReceiver().receiveFullBytes(
          (ex, body) -> ex.dispatch(() -> publish(ex, room, user, body)),
          (ex, e) -> reply(ex, 413, "A message is at most " + MAX_MESSAGE_BYTES + " bytes"));
    };
  }

  private void publish(HttpServerExchange exchange, String room, ChatUser user, byte[] body) {
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
    return rooms.computeIfAbsent(name, n -> SseBroadcaster.<ChatMessage>builder()
        .history(500, Duration.ofHours(1))
        .build());
  }

  private static void reply(HttpServerExchange exchange, int status, String message) {
    ChatSessions.reply(exchange, status, message);
  }
}
