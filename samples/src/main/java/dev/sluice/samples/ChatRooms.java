package dev.sluice.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.SseBroadcaster;
import dev.sluice.SseEvent;
import dev.sluice.SseStatusException;
import dev.sluice.annotation.LastEventId;
import dev.sluice.annotation.PathParam;
import dev.sluice.annotation.SseEndpoint;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.PathTemplateMatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.regex.Pattern;

/**
 * The chat: one {@link SseBroadcaster} per room. Clients read {@code GET /rooms/{room}/events}
 * and post to {@code POST /rooms/{room}/messages}; a reconnecting browser sends the id of the
 * last message it showed and gets exactly the ones after it.
 */
public class ChatRooms {
  /** Room names clients may use; with the room limit, clients cannot grow the map at will. */
  private static final Pattern ROOM = Pattern.compile("[a-z0-9-]{1,32}");
  private static final int MAX_ROOMS = 100;
  private static final int MAX_MESSAGE_BYTES = 4096;
  private static final int MAX_TEXT = 500;
  private static final int MAX_AUTHOR = 40;

  private final Map<String, SseBroadcaster<ChatMessage>> rooms = new ConcurrentHashMap<>();
  private final ObjectMapper json = new ObjectMapper();

  /** The room's messages after {@code lastEventId}, then live ones. */
  @SseEndpoint("/rooms/{room}/events")
  public Flow.Publisher<SseEvent<ChatMessage>> events(
      @PathParam("room") String room, @LastEventId String lastEventId) {
    return room(room).subscribe(lastEventId);
  }

  /** Publishes a message to a room; the handler for {@code POST /rooms/{room}/messages}. */
  public SseEvent<ChatMessage> post(String room, String author, String text) {
    return room(room).publish(new ChatMessage(author, text, System.currentTimeMillis()));
  }

  /** {@code POST /rooms/{room}/messages} with {@code {"author": .., "text": ..}}: 204. */
  public HttpHandler postHandler() {
    return exchange -> {
      if (!exchange.getRequestMethod().equals(Methods.POST)) {
        exchange.getResponseHeaders().put(Headers.ALLOW, "POST");
        reply(exchange, 405, "Method Not Allowed: post a message");
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
          (ex, body) -> ex.dispatch(() -> publish(ex, room, body)),
          (ex, e) -> reply(ex, 413, "A message is at most " + MAX_MESSAGE_BYTES + " bytes"));
    };
  }

  private void publish(HttpServerExchange exchange, String room, byte[] body) {
    String author;
    String text;
    try {
      JsonNode message = json.readTree(body);
      author = message.path("author").asText("").strip();
      text = message.path("text").asText("").strip();
    } catch (IOException e) {
      reply(exchange, 400, "Send JSON: {\"author\": \"...\", \"text\": \"...\"}");
      return;
    }
    if (author.isEmpty() || author.length() > MAX_AUTHOR
        || text.isEmpty() || text.length() > MAX_TEXT) {
      reply(exchange, 400, "author needs 1 to " + MAX_AUTHOR + " characters and text 1 to "
          + MAX_TEXT);
      return;
    }
    try {
      post(room, author, text);
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
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=UTF-8");
    exchange.getResponseSender().send(message + "\n", StandardCharsets.UTF_8);
  }
}
