package dev.sluice.samples;

import dev.sluice.SseServer;
import dev.sluice.samples.ChatSessions.ChatUser;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The demo: {@code java -jar samples/target/sluice-samples.jar [--port 8080] [--host 127.0.0.1]
 * [--tls KEYSTORE] [--redis redis://127.0.0.1:6379]}, then open http://127.0.0.1:8080/ or {@code
 * curl -N http://127.0.0.1:8080/events}. With {@code --tls}, a PKCS12 key store (its password in
 * the environment variable {@code SLUICE_KEYSTORE_PASSWORD}, default {@code changeit}), it serves
 * HTTPS, with HTTP/2 by ALPN. With {@code --redis}, the chat's rooms and sessions live on that
 * Redis, shared by every demo node started with it.
 */
public final class DemoServer {
  private static final String USAGE =
      "Usage: java -jar sluice-samples.jar [--port N]"
          + " [--host ADDRESS] [--tls KEYSTORE.p12] [--redis redis://HOST:PORT]";

  private DemoServer() {}

  public static void main(String[] args) throws Exception {
    int port = 8080;
    String host = "127.0.0.1";
    Path keyStore = null;
    String redis = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
        case "--host" -> host = value(args, ++i, "--host");
        case "--tls" -> keyStore = Path.of(value(args, ++i, "--tls"));
        case "--redis" -> redis = value(args, ++i, "--redis");
        default -> {
          System.err.println(USAGE);
          System.exit(2);
        }
      }
    }
    SSLContext tls = null;
    if (keyStore != null) {
      String password = System.getenv("SLUICE_KEYSTORE_PASSWORD");
      tls = sslContext(keyStore, (password != null ? password : "changeit").toCharArray());
    }
    ChatSessions sessions = redis == null ? new ChatSessions() : ChatSessions.onRedis(redis);
    ChatRooms chat = redis == null ? new ChatRooms(sessions) : ChatRooms.onRedis(sessions, redis);
    SseServer server = start(host, port, tls, sessions, chat);
    String scheme = tls != null ? "https" : "http";
    System.out.printf(
        "Sluice demo on %s://%s:%d/ (try: curl -N%s %s://%s:%d/events)%s%n",
        scheme,
        host,
        server.port(),
        tls != null ? "k" : "",
        scheme,
        host,
        server.port(),
        redis == null ? "" : "; the chat on " + redis);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  chat.close();
                  sessions.close();
                }));
    Thread.currentThread().join();
  }

  /** A server context of the first key in a PKCS12 key store. */
  public static SSLContext sslContext(Path keyStore, char[] password)
      throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      keys.load(in, password);
    }
    KeyManagerFactory managers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    managers.init(keys, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(managers.getKeyManagers(), null, null);
    return context;
  }

  /** Starts the demo's server over plain HTTP; tests call this with port 0. */
  public static SseServer start(String host, int port) {
    return start(host, port, null);
  }

  /** Starts the demo's server, over HTTPS (HTTP/2 by ALPN) when {@code tls} is not null. */
  public static SseServer start(String host, int port, SSLContext tls) {
    ChatSessions sessions = new ChatSessions();
    return start(host, port, tls, sessions, new ChatRooms(sessions));
  }

  /**
   * Starts the demo's server with the chat's {@code sessions} and rooms ({@code chat}, on them),
   * which the caller closes after the server.
   */
  public static SseServer start(
      String host, int port, SSLContext tls, ChatSessions sessions, ChatRooms chat) {
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "demo-scheduler");
              t.setDaemon(true);
              return t;
            });
    SseServer.Builder builder =
        SseServer.builder()
            .host(host)
            .port(port)
            .authenticator(ChatUser.class, sessions.authenticator(), ChatSessions.CHALLENGE)
            .register(new DemoEndpoints(scheduler))
            .register(chat)
            .handler("/login", sessions.loginHandler())
            .handler("/rooms/{room}/messages", chat.postHandler())
            .handler("/", page("index.html"))
            .handler("/chat", page("chat.html"));
    return (tls != null ? builder.sslContext(tls) : builder).start();
  }

  private static HttpHandler page(String resource) {
    ByteBuffer html;
    try (InputStream in = DemoServer.class.getResourceAsStream(resource)) {
      html = ByteBuffer.wrap(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return exchange -> {
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=UTF-8");
      exchange.getResponseSender().send(html.duplicate());
    };
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      System.err.println(flag + " needs a value");
      System.exit(2);
    }
    return args[i];
  }
}
