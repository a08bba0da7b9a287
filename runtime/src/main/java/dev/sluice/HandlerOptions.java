package dev.sluice;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.internal.admit.Authenticator;
import dev.sluice.internal.route.RouteProviders;
import dev.sluice.spi.SseRouteProvider;
import io.undertow.server.HttpHandler;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The options of {@link SseServer.Builder} and {@link SseHandler.Builder} that are about the routes
 * and their event streams rather than about listening: each is written once, here, and both
 * builders have it. An option only a server that owns its listener can honour belongs in {@code
 * SseServer.Builder} instead.
 *
 * @param <B> the builder, returned by every option for chaining
 */
abstract class HandlerOptions<B extends HandlerOptions<B>> {
  private static final System.Logger LOG = System.getLogger("dev.sluice.server");

  // Read by SseHandler.create, which builds the routes from them.
  ObjectMapper objectMapper;
  int maxStreamThreads = 1024;
  int maxStreams = 16_384;
  Duration heartbeat = Duration.ofSeconds(15);
  int maxBufferedBytes = 64 * 1024;
  Duration shutdownTimeout = Duration.ofSeconds(5);
  Duration stallTimeout = Duration.ofSeconds(30);
  int maxStreamsPerClient;
  int maxStreamsPerConnection = 100;
  SseEvent<?> shutdownEvent;
  String openApiPath;
  Duration maxStreamAge = Duration.ZERO;
  final List<Authenticator> authenticators = new ArrayList<>();
  Set<String> allowedOrigins = Set.of();
  boolean allowCredentials;
  final Map<String, CorsPolicy> endpointCors = new LinkedHashMap<>();
  final Map<Object, List<SseRouteProvider>> endpoints = new LinkedHashMap<>();
  final Map<String, HttpHandler> handlers = new LinkedHashMap<>();
  private final RouteProviders providers =
      new RouteProviders(warning -> LOG.log(Level.WARNING, warning));

  HandlerOptions() {}

  @SuppressWarnings("unchecked") // B is the subclass itself: see the class declaration
  private B self() {
    return (B) this;
  }

  /**
   * Serves the {@code @SseEndpoint} methods of {@code endpoint}: those its class declares and those
   * it inherits, from superclasses and interfaces (default methods) alike, as if its class declared
   * them. An override of an endpoint method is that endpoint: its route calls the override.
   *
   * @throws IllegalArgumentException if no routes were generated for its class or any class it
   *     inherits from
   */
  public B register(Object endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    endpoints.put(endpoint, providersFor(endpoint.getClass()));
    return self();
  }

  /**
   * Serves {@code path} (a template such as {@code /rooms/{room}/messages}, variables in Undertow's
   * {@code PathTemplateMatch} attachment) with a plain Undertow handler, for any method: an
   * application's page and other routes next to its event streams.
   */
  public B handler(String path, HttpHandler handler) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(handler, "handler");
    if (handlers.putIfAbsent(path, handler) != null) {
      throw new IllegalArgumentException("A handler is already registered for " + path);
    }
    return self();
  }

  /** The mapper that writes JSON data; default {@code new ObjectMapper()}. */
  public B objectMapper(ObjectMapper objectMapper) {
    this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
    return self();
  }

  /**
   * The most {@code Stream} endpoints open at once on Java 17 to 20, each holding a platform
   * thread; past it a request gets 503 with {@code Retry-After}. Default 1024. On Java 21+ each
   * {@code Stream} endpoint's event stream gets a virtual thread and this bound does not apply.
   */
  public B maxStreamThreads(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxStreamThreads must be at least 1, got " + max);
    }
    this.maxStreamThreads = max;
    return self();
  }

  /**
   * The most event streams open at once over all the routes; past it a request gets 503 with {@code
   * Retry-After}, and the open event streams flow on. Default 16384. An endpoint can set a lower
   * limit of its own with {@code @SseEndpoint(maxStreams = ..)}.
   */
  public B maxStreams(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxStreams must be at least 1, got " + max);
    }
    this.maxStreams = max;
    return self();
  }

  /**
   * How long an event stream may stay silent before it gets a heartbeat comment (a bare {@code :}
   * line): keeps proxies from cutting idle connections and finds peers that vanished. Default 15
   * seconds; {@link Duration#ZERO} turns heartbeats off. An endpoint can set its own with
   * {@code @SseEndpoint(heartbeat = "PT5S")}.
   */
  public B heartbeat(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative()) {
      throw new IllegalArgumentException("heartbeat must not be negative: " + interval);
    }
    this.heartbeat = interval;
    return self();
  }

  /**
   * The bytes one stream may hold encoded and not yet written; past it a {@code Stream} waits and a
   * publisher is asked for nothing more. Default 64 KiB. Bounds memory per connection whatever the
   * client does. A single larger event still goes through.
   */
  public B maxBufferedBytes(int bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("maxBufferedBytes must be at least 1, got " + bytes);
    }
    this.maxBufferedBytes = bytes;
    return self();
  }

  /**
   * How long an event stream's client may take no byte while a write waits for it before the event
   * stream is closed and counted as {@code SLOW}: a client that stopped reading, or a peer that is
   * gone without a word, holds its buffers, its place and (a {@code Stream} endpoint) its thread
   * for no longer than this. The clock runs only while a write waits and restarts with every byte
   * taken. Default 30 seconds.
   */
  public B stallTimeout(Duration timeout) {
    this.stallTimeout = positive(timeout, "stallTimeout");
    return self();
  }

  /**
   * The most event streams open at once from one client address; past it a request gets 429 with
   * {@code Retry-After}. Off by default: behind a proxy or a NAT, every client shares an address.
   */
  public B maxStreamsPerClient(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxStreamsPerClient must be at least 1, got " + max);
    }
    this.maxStreamsPerClient = max;
    return self();
  }

  /**
   * The most event streams one HTTP/2 connection may hold at once: enforced (a stream past it gets
   * 429, and is never opened), so that one connection cannot take every place, and, by an {@code
   * SseServer}, advertised to the client as {@code SETTINGS_MAX_CONCURRENT_STREAMS}. Default 100,
   * as RFC 9113 recommends at the least.
   */
  public B maxStreamsPerConnection(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxStreamsPerConnection must be at least 1, got " + max);
    }
    this.maxStreamsPerConnection = max;
    return self();
  }

  /** How long {@code close()} waits for event streams to end; default 5 seconds. */
  public B shutdownTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("shutdownTimeout must not be negative: " + timeout);
    }
    this.shutdownTimeout = timeout;
    return self();
  }

  /**
   * An event every open event stream gets last when {@code close()} shuts the event streams down,
   * such as one with a {@code retry} that tells clients when to come back. Its data, if any, is
   * written as text when it is a {@code String} and as JSON otherwise.
   */
  public B shutdownEvent(SseEvent<?> event) {
    this.shutdownEvent = Objects.requireNonNull(event, "event");
    return self();
  }

  /**
   * Serves the OpenAPI 3.2 description of the registered endpoints at {@code path}, such as {@code
   * "/openapi.json"}, as {@code application/json} to GET requests. Off by default.
   *
   * <p>The processor writes a document for each endpoint class at compile time; the routes merge
   * those of the registered objects when they are built. Each endpoint is a path (its template, as
   * the routes match it) with a {@code get} operation: its parameters, the responses Sluice gives,
   * and the {@code itemSchema} of its events as OpenAPI 3.2 describes {@code text/event-stream},
   * with the JSON Schema of their data derived from its Java type as Jackson writes it.
   *
   * @throws IllegalStateException when the routes are built, if an endpoint class was compiled
   *     without its document (by an older processor)
   */
  public B openApi(String path) {
    this.openApiPath = Objects.requireNonNull(path, "path");
    return self();
  }

  /**
   * Ends each event stream gracefully once it is this old, plus a random tenth more at most, after
   * what it had pending and a {@code retry: 1000} hint: its client reconnects a second later (with
   * {@code Last-Event-ID}, so that a broadcast loses nothing) and a load balancer can send it to
   * another node, or to a new one after a deploy. Counted as {@code ROTATED}. Default {@link
   * Duration#ZERO}: event streams last as long as their endpoint and client want.
   */
  public B maxStreamAge(Duration age) {
    Objects.requireNonNull(age, "age");
    if (age.isNegative()) {
      throw new IllegalArgumentException("maxStreamAge must not be negative: " + age);
    }
    this.maxStreamAge = age;
    return self();
  }

  /**
   * Makes a principal of type {@code P} of each request, before the endpoint is called: see {@link
   * SseAuthenticator}. An endpoint with an {@code @Authenticated P} (or {@code Optional<P>})
   * parameter gets it; one without runs every authenticator and gets none. An anonymous request to
   * an endpoint that requires its principal gets 401 with {@code WWW-Authenticate: Bearer}; {@link
   * #authenticator(Class, SseAuthenticator, String)} sets another challenge.
   *
   * @throws IllegalArgumentException if an authenticator for {@code type} was given already, or if
   *     {@code type} is primitive
   */
  public <P> B authenticator(Class<P> type, SseAuthenticator<P> authenticator) {
    return authenticator(type, authenticator, "Bearer");
  }

  /**
   * As {@link #authenticator(Class, SseAuthenticator)}, with the challenge of the 401 an anonymous
   * request gets from an endpoint requiring the principal: {@code Bearer realm="chat"}, or for a
   * session cookie a scheme of your own, such as {@code Session}.
   */
  public <P> B authenticator(Class<P> type, SseAuthenticator<P> authenticator, String challenge) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(authenticator, "authenticator");
    SseStatusException.unauthorized(challenge, ""); // a single line, or it throws
    if (type.isPrimitive()) {
      throw new IllegalArgumentException("A principal is an object, not a " + type);
    }
    for (Authenticator existing : authenticators) {
      if (existing.type() == type) {
        throw new IllegalArgumentException(
            "An authenticator for " + type.getName() + " is registered already");
      }
    }
    authenticators.add(new Authenticator(type, authenticator, challenge));
    return self();
  }

  /**
   * The origins whose pages may open event streams, for every endpoint without a {@link #cors}
   * policy of its own: exact origins ({@code https://app.example}, {@code http://localhost:5173}),
   * or {@code "*"} for any page (which cannot go with {@link #allowCredentials}). A request whose
   * {@code Origin} is none of them, nor the server's own, gets 403 before any event stream opens;
   * an allowed one gets {@code Access-Control-Allow-Origin} with its origin and {@code Vary:
   * Origin}, and {@code OPTIONS} preflights get 204 with the method, the headers ({@code
   * Last-Event-ID}, {@code Authorization}, {@code Cache-Control}) and an hour's max age. Requests
   * without {@code Origin} (same-origin {@code EventSource}, curl, servers) always pass. Default:
   * none, so only same-origin pages. Behind a proxy that terminates TLS, the server sees {@code
   * http}: list your own {@code https} origin too.
   *
   * @throws IllegalArgumentException for a value that is not an origin
   */
  public B allowedOrigins(String... origins) {
    this.allowedOrigins = CorsPolicy.checkOrigins(origins);
    return self();
  }

  /**
   * Whether pages of the {@link #allowedOrigins} may open event streams with their cookies and read
   * them ({@code new EventSource(url, {withCredentials: true})}): {@code
   * Access-Control-Allow-Credentials: true}. Default false. Not with {@code allowedOrigins("*")},
   * which {@code build}/{@code start} refuse.
   */
  public B allowCredentials(boolean allow) {
    this.allowCredentials = allow;
    return self();
  }

  /**
   * The CORS policy of one endpoint, named by its path template as its {@code @SseEndpoint} writes
   * it, instead of {@link #allowedOrigins} and {@link #allowCredentials}: {@code
   * cors("/public/quotes", CorsPolicy.allowedOrigins("*"))}.
   *
   * @throws IllegalArgumentException if the endpoint has a policy already; {@code build} and {@code
   *     start} refuse a path that is no endpoint's
   */
  public B cors(String endpoint, CorsPolicy policy) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(policy, "policy");
    if (endpointCors.putIfAbsent(endpoint, policy) != null) {
      throw new IllegalArgumentException("A CORS policy is already set for " + endpoint);
    }
    return self();
  }

  int maxStreamsPerConnection() {
    return maxStreamsPerConnection;
  }

  static Duration positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
    return duration;
  }

  private List<SseRouteProvider> providersFor(Class<?> type) {
    List<SseRouteProvider> found = providers.forType(type);
    if (found.isEmpty()) {
      throw new IllegalArgumentException(RouteProviders.noRoutes(type));
    }
    return found;
  }
}
