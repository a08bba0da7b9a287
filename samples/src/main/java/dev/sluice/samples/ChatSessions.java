package dev.sluice.samples;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.SseAuthenticator;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.server.handlers.CookieImpl;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The chat's sign-in: {@code POST /login} with {@code {"name": ".."}} (no password: a demo) starts
 * a session, kept in memory (or on Redis, {@link #onRedis}, for every demo node sharing it), whose
 * random id the browser holds in an {@code HttpOnly}, {@code SameSite=Strict} cookie that page
 * scripts cannot read and other sites' requests do not carry. The authenticator makes a {@link
 * ChatUser} of the cookie, and posting checks the same session.
 */
public final class ChatSessions implements AutoCloseable {
  /** The cookie's name. */
  public static final String COOKIE = "sluice-chat";

  /** The 401 challenge of the chat's event streams: a session scheme of the demo's own. */
  public static final String CHALLENGE = "Session realm=\"chat\"";

  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._-]{1,40}");
  private static final int MAX_SESSIONS = 10_000;
  private static final int MAX_LOGIN_BYTES = 1024;

  /** A signed-in chat user: the name they gave. */
  public record ChatUser(String name) {}

  private final Store sessions;
  private final SecureRandom random = new SecureRandom();
  private final ObjectMapper json = new ObjectMapper();

  /** Sessions in this JVM. */
  public ChatSessions() {
    this(new InMemory());
  }

  private ChatSessions(Store sessions) {
    this.sessions = sessions;
  }

  /**
   * Sessions on the Redis at {@code uri}, so that a browser signed in on one demo node is signed in
   * on every node sharing that Redis.
   */
  public static ChatSessions onRedis(String uri) {
    return new ChatSessions(new RedisSessions(uri, MAX_SESSIONS));
  }

  /**
   * The chat user of a request's session cookie; null without one, or with one this server did not
   * give (a forged one, or one from before a restart).
   */
  public SseAuthenticator<ChatUser> authenticator() {
    return request -> request.cookie(COOKIE).map(sessions::find).orElse(null);
  }

  /** The user of the exchange's session, or null; off the I/O thread, as the store may block. */
  ChatUser user(HttpServerExchange exchange) {
    Cookie cookie;
    try {
      cookie = exchange.getRequestCookie(COOKIE);
    } catch (IllegalArgumentException | IllegalStateException e) {
      return null; // cookies that cannot be parsed carry no session
    }
    return cookie == null ? null : sessions.find(cookie.getValue());
  }

  /** {@code POST /login} with {@code {"name": ".."}}: 200 with the name, and the cookie. */
  public HttpHandler loginHandler() {
    return exchange -> {
      String refusal = refusePost(exchange);
      if (refusal != null) {
        return;
      }
      exchange.setMaxEntitySize(MAX_LOGIN_BYTES);
      exchange
          .getRequestReceiver()
          .receiveFullBytes(
              (ex, body) -> ex.dispatch(() -> login(ex, body)),
              (ex, e) -> reply(ex, 413, "A sign-in is at most " + MAX_LOGIN_BYTES + " bytes"));
    };
  }

  private void login(HttpServerExchange exchange, byte[] body) {
    String name;
    try {
      name = json.readTree(body).path("name").asText("").strip();
    } catch (IOException e) {
      reply(exchange, 400, "Send JSON: {\"name\": \"...\"}");
      return;
    }
    if (!NAME.matcher(name).matches()) {
      reply(exchange, 400, "A name is 1 to 40 letters, digits, spaces, '.', '_' or '-'");
      return;
    }
    byte[] id = new byte[32];
    random.nextBytes(id);
    String session = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    try {
      if (!sessions.add(session, new ChatUser(name))) {
        reply(exchange, 503, "The demo holds at most " + MAX_SESSIONS + " sessions");
        return;
      }
    } catch (RuntimeException e) { // Redis away
      reply(exchange, 503, "Sessions are unavailable; try again shortly");
      return;
    }
    exchange.setResponseCookie(
        new CookieImpl(COOKIE, session)
            .setPath("/")
            .setHttpOnly(true)
            .setSecure(exchange.isSecure())
            .setSameSiteMode("Strict"));
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    try {
      exchange
          .getResponseSender()
          .send(json.writeValueAsString(Map.of("name", name)), StandardCharsets.UTF_8);
    } catch (IOException e) {
      reply(exchange, 500, "Internal Server Error");
    }
  }

  /**
   * Answers a request that is no same-site JSON POST, and returns why; null for one to serve. A
   * page of another site cannot post here: its {@code Origin} is refused (403), and a form, which
   * needs no CORS preflight, cannot send {@code application/json} (415).
   */
  static String refusePost(HttpServerExchange exchange) {
    String refusal = null;
    if (!exchange.getRequestMethod().equals(Methods.POST)) {
      exchange.getResponseHeaders().put(Headers.ALLOW, "POST");
      refusal = reply(exchange, 405, "Method Not Allowed: POST JSON here");
    } else if (!isSameOrigin(exchange)) {
      refusal = reply(exchange, 403, "Forbidden: post from this site's own pages");
    } else if (!isJson(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE))) {
      refusal = reply(exchange, 415, "Unsupported Media Type: send application/json");
    }
    return refusal;
  }

  /** Without {@code Origin} (curl, an old browser), or with this server's own. */
  private static boolean isSameOrigin(HttpServerExchange exchange) {
    String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
    String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
    return origin == null
        || host != null && origin.equalsIgnoreCase(exchange.getRequestScheme() + "://" + host);
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int parameters = contentType.indexOf(';');
    String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip();
    return type.toLowerCase(Locale.ROOT).equals("application/json");
  }

  /** Closes the session store (on Redis, its connection). */
  @Override
  public void close() {
    sessions.close();
  }

  /** Where sessions live. Thread-safe; its methods may block. */
  interface Store extends AutoCloseable {
    /** The session's user, or null. */
    ChatUser find(String session);

    /** Adds a session; false if the store is full. */
    boolean add(String session, ChatUser user);

    @Override
    void close();
  }

  /** Sessions in this JVM, at most {@link #MAX_SESSIONS}. */
  private static final class InMemory implements Store {
    private final Map<String, ChatUser> sessions = new ConcurrentHashMap<>();

    @Override
    public ChatUser find(String session) {
      return sessions.get(session);
    }

    @Override
    public boolean add(String session, ChatUser user) {
      if (sessions.size() >= MAX_SESSIONS) {
        return false;
      }
      sessions.put(session, user);
      return true;
    }

    @Override
    public void close() {}
  }

  static String reply(HttpServerExchange exchange, int status, String message) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=UTF-8");
    exchange.getResponseSender().send(message + "\n", StandardCharsets.UTF_8);
    return message;
  }
}
