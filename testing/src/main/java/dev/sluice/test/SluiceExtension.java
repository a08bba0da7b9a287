package dev.sluice.test;

import dev.sluice.SseHandler;
import dev.sluice.SseServer;
import dev.sluice.SseStats;
import dev.sluice.client.SseClient;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts a Sluice server on a free port of {@code 127.0.0.1} for a test,
 * gives the test clients pointed at it, and closes them and the server when the test (or the test
 * class) ends.
 *
 * <p>Declared by {@link SluiceTest @SluiceTest(endpoints = ..)}, or registered in a field for
 * endpoints built by the test, for settings, and for the other kinds of server:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SluiceExtension sluice = SluiceExtension.serving(new ChatRooms(clock))
 *     .server(server -> server.heartbeat(Duration.ofMillis(100)))
 *     .client(client -> client.reconnect(false));
 *
 * @Test
 * void chat(SseClient client) { ... }      // or sluice.client(), sluice.server()
 * }</pre>
 *
 * <p><b>What it starts</b> is the factory's choice: {@link #serving serving(endpoints..)} an {@link
 * SseServer} for these endpoints, configured by {@link #server(Consumer)}; {@link #mounting
 * mounting(endpoints..)} an {@link SseHandler} for them ({@link #handler(Consumer)}) mounted in a
 * plain Undertow server ({@link #routes}, {@link #undertow}); {@link #starting starting(port ->
 * ..)} a server your own code starts, such as your application's.
 *
 * <p><b>Scope.</b> A static field, or the annotation, gives one server per test class (nested
 * classes share it), started before the class's first test. An instance field gives each test a
 * server of its own, started when the test first asks for it (an accessor, a parameter) or calls
 * {@link #start()}; until then the test may add settings of its own to the field's:
 *
 * <pre>{@code
 * @RegisterExtension
 * final SluiceExtension sluice = SluiceExtension.serving(new Feeds());
 *
 * @Test
 * void quietStreams_getHeartbeats() {
 *   sluice.server(server -> server.heartbeat(Duration.ofMillis(200)));    // for this test
 *   try (EventStream<String> feed = sluice.client().events("/feed", String.class)) { .. }
 * }
 * }</pre>
 *
 * <p><b>Clients.</b> Test and lifecycle methods get these as parameters, and any code from the
 * accessors: an {@link SseClient} pointed at the server, its blocking reads bounded by the client's
 * 30 s timeout ({@link #client()}); the JDK {@link HttpClient} it reads with, for the test's plain
 * requests too ({@link #httpClient()}); the server itself ({@link #server()}, or {@link #handler()}
 * when mounted); and clients of the test's own kinds, made for the running server and closed before
 * it ({@link #client(Class, Function)}). For plain requests, {@link #request(String)}; for raw
 * sockets and other tools, {@link #port()}, {@link #baseUri()}, {@link #uri(String)}; and what the
 * server counts, {@link #stats()}.
 *
 * <p><b>Restarts.</b> {@link #stop()} closes the server mid-test; the next one (started when asked
 * for, or by {@code start()}) listens on the port the last had, as a restarted server would, so
 * that clients reconnect to it. A server that must stay gone, or whose stats the test reads after
 * it closed, is closed itself: {@code sluice.server().close()}.
 *
 * <p><b>Several servers.</b> One extension per server, each in a field of its own. Parameters
 * cannot say which server they mean, so such tests use the accessors.
 *
 * <p><b>TLS.</b> A server that has a key (from {@code server(b -> b.sslContext(..))}, or given by a
 * starter) speaks HTTPS; say so with {@link #https(SSLContext)}, and the base URI is {@code https}
 * and the clients trust that context.
 *
 * <p><b>Threads.</b> The accessors, {@code start()} and {@code stop()} may be called from any
 * thread. Settings are for the thread that configures the extension, before its server starts.
 */
public final class SluiceExtension
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AfterAllCallback,
        ParameterResolver {
  /** How long {@link #request} waits for an answer's head. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Starts a server of your own for {@link #starting}: your application's, for instance, with its
   * endpoints, handlers and settings as it runs them.
   */
  @FunctionalInterface
  public interface Starter {
    /**
     * Starts the server on {@code 127.0.0.1} at {@code port} and returns it: port 0 for a free one
     * (the first server of a scope), or the port the last one had (after {@link
     * SluiceExtension#stop()}).
     */
    SseServer start(int port) throws Exception;
  }

  /** What it starts, and every setting; guarded by {@code this}, as is the state below. */
  private final Recipe recipe;

  /** The context whose end closes the server: a test class's, or one test's; null between. */
  private ExtensionContext scope;

  private Running running;

  /** The port the last server of this scope had, for the next; 0 before the first. */
  private int port;

  /** For {@code @SluiceTest}; JUnit calls it. Register {@link #serving} in a field instead. */
  public SluiceExtension() {
    this(new Recipe(Recipe.Form.ANNOTATION, List.of(), null));
  }

  private SluiceExtension(Recipe recipe) {
    this.recipe = recipe;
  }

  /**
   * An extension whose server is an {@link SseServer} serving these endpoint objects, which every
   * server it starts (after a {@link #stop()} too) serves again.
   *
   * <pre>{@code
   * @RegisterExtension
   * final SluiceExtension sluice = SluiceExtension.serving(new Quotes(), new Chat(rooms));
   * }</pre>
   */
  public static SluiceExtension serving(Object... endpoints) {
    return new SluiceExtension(new Recipe(Recipe.Form.SERVING, List.of(endpoints), null));
  }

  /**
   * An extension whose server is an {@link SseHandler} serving these endpoint objects, mounted in a
   * plain Undertow server of the extension's: at its root, unless {@link #routes} puts it
   * elsewhere. For endpoints as an application serves them in a server of its own.
   *
   * <pre>{@code
   * @RegisterExtension
   * final SluiceExtension sluice = SluiceExtension.mounting(new Quotes())
   *     .routes(sse -> Handlers.path().addPrefixPath("/sse", sse));   // GET /sse/quotes
   * }</pre>
   */
  public static SluiceExtension mounting(Object... endpoints) {
    return new SluiceExtension(new Recipe(Recipe.Form.MOUNTING, List.of(endpoints), null));
  }

  /**
   * An extension whose server {@code starter} starts: your application's own, as it runs it. The
   * server's settings are the starter's; {@link #server(Consumer)} does not apply.
   *
   * <pre>{@code
   * @RegisterExtension
   * final SluiceExtension sluice = SluiceExtension.starting(port -> App.start("127.0.0.1", port));
   * }</pre>
   */
  public static SluiceExtension starting(Starter starter) {
    return new SluiceExtension(
        new Recipe(Recipe.Form.STARTING, List.of(), Objects.requireNonNull(starter)));
  }

  /**
   * Adds settings for the {@link #serving} server, applied after {@code port(..)}, the endpoints
   * and the settings given before: {@code .server(b -> b.maxStreams(3))}. In a test, before its
   * server starts, for that test's server only (an instance field).
   *
   * @throws IllegalStateException if the server is running, or this extension starts no {@code
   *     SseServer.Builder} of its own ({@code mounting}: {@link #handler(Consumer)}; {@code
   *     starting}: the starter)
   */
  public synchronized SluiceExtension server(Consumer<SseServer.Builder> settings) {
    requireStopped("server(..)");
    recipe.server(settings);
    return this;
  }

  /**
   * Adds settings for the {@link #mounting} handler, applied after the endpoints and the settings
   * given before: {@code .handler(b -> b.maxStreamsPerConnection(3))}.
   *
   * @throws IllegalStateException if the server is running, or this extension mounts no handler
   */
  public synchronized SluiceExtension handler(Consumer<SseHandler.Builder> settings) {
    requireStopped("handler(..)");
    recipe.handler(settings);
    return this;
  }

  /**
   * Where the {@link #mounting} handler is mounted: the Undertow server's root handler, built
   * around it. Replaces the routes given before; by default the handler is the root.
   *
   * <pre>{@code
   * .routes(sse -> Handlers.path().addExactPath("/hello", hello).addPrefixPath("/sse", sse))
   * }</pre>
   *
   * @throws IllegalStateException if the server is running, or this extension mounts no handler
   */
  public synchronized SluiceExtension routes(Function<SseHandler, HttpHandler> routes) {
    requireStopped("routes(..)");
    recipe.routes(routes);
    return this;
  }

  /**
   * Adds settings for the plain Undertow server a {@link #mounting} handler is mounted in, applied
   * after the extension's listener on {@code 127.0.0.1} and the settings given before: threads,
   * server options ({@code .undertow(b -> b.setServerOption(UndertowOptions.ENABLE_HTTP2, true))}).
   * Its root handler is {@link #routes}'s.
   *
   * @throws IllegalStateException if the server is running, or this extension mounts no handler
   */
  public synchronized SluiceExtension undertow(Consumer<Undertow.Builder> settings) {
    requireStopped("undertow(..)");
    recipe.undertow(settings);
    return this;
  }

  /**
   * Adds settings for the injected {@link SseClient}, applied after its base URI and the settings
   * given before: {@code .client(b -> b.reconnect(false))}. It reads with {@link #httpClient()}, so
   * its HTTP version and connect timeout are {@link #http(Consumer)}'s.
   *
   * @throws IllegalStateException if the server is running
   */
  public synchronized SluiceExtension client(Consumer<SseClient.Builder> settings) {
    requireStopped("client(..)");
    recipe.client(settings);
    return this;
  }

  /**
   * Adds settings for the JDK {@link HttpClient} the extension makes for each server: {@code
   * .http(b -> b.version(HttpClient.Version.HTTP_1_1))}. Its defaults are {@code SseClient}'s:
   * HTTP/2 where the server agrees (h2c by upgrade over plain HTTP, ALPN over TLS), redirects
   * followed as {@code EventSource} follows them, a 10 s connect timeout, and {@link #https}'s
   * trust.
   *
   * @throws IllegalStateException if the server is running
   */
  public synchronized SluiceExtension http(Consumer<HttpClient.Builder> settings) {
    requireStopped("http(..)");
    recipe.http(settings);
    return this;
  }

  /**
   * Says that the server speaks HTTPS, its key given in its settings or by its starter: the base
   * URI is {@code https://127.0.0.1:port/}, and the clients trust {@code trust}.
   *
   * <pre>{@code
   * SluiceExtension.serving(new Quotes())
   *     .server(b -> b.sslContext(certificates.server()))
   *     .https(certificates.client());
   * }</pre>
   *
   * @throws IllegalStateException if the server is running, or it is mounted ({@code mounting}
   *     listens over plain HTTP)
   */
  public synchronized SluiceExtension https(SSLContext trust) {
    requireStopped("https(..)");
    recipe.https(trust);
    return this;
  }

  /**
   * Registers a client of the test's own kind, which {@code factory} makes from the running
   * server's base URI when the test first asks for one ({@link #client(Class)}, or a parameter of
   * {@code type}). It serves that server only: one is made for each, and closed before its server
   * closes (if it is {@link AutoCloseable}). For raw sockets, load generators, other HTTP
   * libraries:
   *
   * <pre>{@code
   * @RegisterExtension
   * final SluiceExtension sluice = SluiceExtension.serving(new Feeds())
   *     .client(LoadClient.class, base -> new LoadClient(base.getHost(), base.getPort()));
   *
   * @Test
   * void manyReaders(LoadClient load) { .. }     // or sluice.client(LoadClient.class)
   * }</pre>
   *
   * @throws IllegalArgumentException if {@code type} has a factory already, or is one of the types
   *     the extension provides itself
   */
  public synchronized <T> SluiceExtension client(
      Class<T> type, Function<URI, ? extends T> factory) {
    recipe.ownClient(type, factory);
    return this;
  }

  private void requireStopped(String setting) {
    if (running != null) {
      throw new IllegalStateException(
          setting
              + " takes effect when the server starts, and this one is running: call it before"
              + " the test first asks for the server (an instance field's), or stop() the server"
              + " first");
    }
  }

  /**
   * Starts the server now, unless it is running: for a test that must take a measure first (the
   * threads alive, say), or that stopped it. Otherwise the server starts when first asked for.
   *
   * @throws IllegalStateException outside a test, its lifecycle methods and its class's
   */
  public void start() {
    running();
  }

  /**
   * Closes the server mid-test, after the clients made for it by {@link #client(Class, Function)},
   * as a server that goes away would be; the next (started when asked for, or by {@link #start()})
   * listens on the same port, with the settings as they are then. Does nothing if none is running.
   * To close only the server, leaving the extension's view of it as it was (its stats, say), close
   * {@link #server()} or {@link #handler()} instead.
   */
  public void stop() {
    Running stopping;
    synchronized (this) {
      stopping = running;
      running = null;
    }
    if (stopping != null) {
      stopping.close();
    }
  }

  /**
   * The running {@link SseServer}, started if it is not.
   *
   * @throws IllegalStateException if it is mounted ({@link #handler()}), or outside a test
   */
  public SseServer server() {
    if (recipe.form() == Recipe.Form.MOUNTING) {
      throw new IllegalStateException(
          "mounting(..) serves an SseHandler in a plain Undertow server: use handler()");
    }
    return ((Started.Served) running().started()).server();
  }

  /**
   * The running {@link #mounting} handler, started if it is not.
   *
   * @throws IllegalStateException if this extension mounts no handler ({@link #server()}), or
   *     outside a test
   */
  public SseHandler handler() {
    if (recipe.form() != Recipe.Form.MOUNTING) {
      throw new IllegalStateException("handler() is mounting(..)'s SseHandler: use server()");
    }
    return ((Started.Mounted) running().started()).handler();
  }

  /** What the running server (or mounted handler) counts: its open streams, refusals, traffic. */
  public SseStats stats() {
    return running().started().stats();
  }

  /** The client pointed at the running server, which it starts if it is not. */
  public SseClient client() {
    return running().client();
  }

  /** The JDK client the injected {@link SseClient} reads with, made for the running server. */
  public HttpClient httpClient() {
    return running().http();
  }

  /**
   * The client of {@code type} for the running server, made by its {@linkplain #client(Class,
   * Function) factory} the first time it is asked for; the same one until the server stops.
   *
   * @throws IllegalArgumentException if no factory for {@code type} is registered
   */
  public <T> T client(Class<T> type) {
    Function<URI, ?> factory;
    synchronized (this) {
      factory = recipe.ownClient(type);
    }
    if (factory == null) {
      throw new IllegalArgumentException(
          "No client factory for "
              + type.getName()
              + ": register one with client("
              + type.getSimpleName()
              + ".class, baseUri -> ..)");
    }
    return running().own(type, factory);
  }

  /** The port the running server listens on, for raw sockets and tools that take a port. */
  public int port() {
    return running().started().port();
  }

  /** {@code http://127.0.0.1:port/} ({@code https} after {@link #https}), of the running server. */
  public URI baseUri() {
    return running().baseUri();
  }

  /** {@code path} (with its query, if any) on the running server: {@code uri("/feed?n=3")}. */
  public URI uri(String path) {
    return baseUri().resolve(path);
  }

  /**
   * A request for {@code path} on the running server, to send with {@link #httpClient()}: a GET
   * with a 10 s timeout, so that a test never waits longer for an answer's head. Change either on
   * the builder.
   *
   * <pre>{@code
   * HttpResponse<String> refused =
   *     sluice.httpClient().send(sluice.request("/feed").build(), BodyHandlers.ofString());
   * assertEquals(401, refused.statusCode());
   * }</pre>
   */
  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT);
  }

  /** The running server, started now if it is not. */
  private synchronized Running running() {
    if (running == null) {
      if (scope == null) {
        throw new IllegalStateException(
            "No test is running: the server is a test's, or a test class's (a static field), and"
                + " starts when one asks for it");
      }
      running = recipe.start(port, scope);
      port = running.started().port();
    }
    return running;
  }

  @Override
  public synchronized void beforeAll(ExtensionContext context) {
    // A static field or the annotation. Nested classes see it again, and share the server.
    if (scope == null) {
      scope = context;
    }
    if (scope == context) {
      running();
    }
  }

  @Override
  public synchronized void beforeEach(ExtensionContext context) {
    // An instance field is not called before all: each test gets a server, when it asks for it.
    if (scope == null) {
      scope = context;
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    end(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    end(context);
  }

  /** Closes the server and forgets its port, if {@code context} is the scope that owns them. */
  private void end(ExtensionContext context) {
    synchronized (this) {
      if (scope != context) {
        return;
      }
      scope = null;
      port = 0;
    }
    stop();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == SseClient.class || type == HttpClient.class) {
      return true;
    }
    boolean mounted = recipe.form() == Recipe.Form.MOUNTING;
    if (type == SseServer.class) {
      return !mounted;
    }
    if (type == SseHandler.class) {
      return mounted;
    }
    synchronized (this) {
      return recipe.ownClient(type) != null;
    }
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    synchronized (this) {
      if (scope == null) {
        // A test class's constructor, with a class-wide lifecycle, runs before the callbacks.
        scope = context;
      }
    }
    Class<?> type = parameter.getParameter().getType();
    if (type == SseClient.class) {
      return client();
    } else if (type == HttpClient.class) {
      return httpClient();
    } else if (type == SseServer.class) {
      return server();
    } else if (type == SseHandler.class) {
      return handler();
    }
    return client(type);
  }
}
