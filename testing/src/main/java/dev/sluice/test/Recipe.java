package dev.sluice.test;

import dev.sluice.SseHandler;
import dev.sluice.SseServer;
import dev.sluice.client.SseClient;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import java.lang.reflect.InvocationTargetException;
import java.net.BindException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * What a {@link SluiceExtension} starts, and how: the form its factory chose, the endpoints, and
 * every setting given since. Each {@link #start} makes a server from them, and the extension's
 * clients for it. The extension decides when; it calls this class under its lock, and so this class
 * is not thread-safe.
 */
final class Recipe {
  /** How long a server tries to bind the port the last one had. */
  private static final Duration REBIND_TIMEOUT = Duration.ofSeconds(20);

  /** As {@code SseClient} builds its own: a connection that takes longer is not coming. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** What the extension provides itself, and so no factory may. */
  private static final Set<Class<?>> OWN_TYPES =
      Set.of(SseClient.class, HttpClient.class, SseServer.class, SseHandler.class);

  /** What the server is, and where its endpoints come from. */
  enum Form {
    /** An SseServer for the endpoint classes {@code @SluiceTest} names. */
    ANNOTATION,
    /** An SseServer for the endpoint objects of {@code serving(..)}. */
    SERVING,
    /** An SseHandler for the endpoint objects of {@code mounting(..)}, in plain Undertow. */
    MOUNTING,
    /** The SseServer a {@code starting(..)} starter returns. */
    STARTING
  }

  private final Form form;
  private final List<Object> endpoints;
  private final SluiceExtension.Starter starter;

  private Consumer<SseServer.Builder> serverSettings = server -> {};
  private Consumer<SseHandler.Builder> handlerSettings = handler -> {};
  private Function<SseHandler, HttpHandler> routes = sse -> sse;
  private Consumer<Undertow.Builder> undertowSettings = undertow -> {};
  private Consumer<SseClient.Builder> clientSettings = client -> {};
  private Consumer<HttpClient.Builder> httpSettings = http -> {};
  private SSLContext trust;
  private final Map<Class<?>, Function<URI, ?>> ownClients = new LinkedHashMap<>();

  Recipe(Form form, List<Object> endpoints, SluiceExtension.Starter starter) {
    this.form = form;
    this.endpoints = endpoints;
    this.starter = starter;
  }

  Form form() {
    return form;
  }

  void server(Consumer<SseServer.Builder> settings) {
    require(Form.SERVING, "server(..) configures the SseServer of serving(..)");
    serverSettings = serverSettings.andThen(Objects.requireNonNull(settings));
  }

  void handler(Consumer<SseHandler.Builder> settings) {
    require(Form.MOUNTING, "handler(..) configures the SseHandler of mounting(..)");
    handlerSettings = handlerSettings.andThen(Objects.requireNonNull(settings));
  }

  void routes(Function<SseHandler, HttpHandler> routes) {
    require(Form.MOUNTING, "routes(..) mounts the SseHandler of mounting(..)");
    this.routes = Objects.requireNonNull(routes);
  }

  void undertow(Consumer<Undertow.Builder> settings) {
    require(Form.MOUNTING, "undertow(..) configures the Undertow server of mounting(..)");
    undertowSettings = undertowSettings.andThen(Objects.requireNonNull(settings));
  }

  void client(Consumer<SseClient.Builder> settings) {
    clientSettings = clientSettings.andThen(Objects.requireNonNull(settings));
  }

  void http(Consumer<HttpClient.Builder> settings) {
    httpSettings = httpSettings.andThen(Objects.requireNonNull(settings));
  }

  void https(SSLContext trust) {
    if (form == Form.MOUNTING) {
      throw new IllegalStateException(
          "https(..): mounting(..) listens over plain HTTP; serve TLS with serving(..)"
              + " or starting(..)");
    }
    this.trust = Objects.requireNonNull(trust);
  }

  void ownClient(Class<?> type, Function<URI, ?> factory) {
    if (OWN_TYPES.contains(type)) {
      throw new IllegalArgumentException(
          "The extension provides " + type.getName() + " itself; configure it instead");
    }
    if (ownClients.putIfAbsent(type, Objects.requireNonNull(factory)) != null) {
      throw new IllegalArgumentException("A factory for " + type.getName() + " is registered");
    }
  }

  /** The factory of the test's own clients of {@code type}, or null. */
  Function<URI, ?> ownClient(Class<?> type) {
    return ownClients.get(type);
  }

  private void require(Form expected, String what) {
    if (form != expected) {
      throw new IllegalStateException(what + "; this extension " + describe(form));
    }
  }

  private static String describe(Form form) {
    return switch (form) {
      case ANNOTATION, SERVING -> "serves an SseServer: use server(..)";
      case MOUNTING -> "mounts an SseHandler: use handler(..), routes(..) and undertow(..)";
      case STARTING -> "starts its server with its starter: configure the server there";
    };
  }

  /**
   * Starts a server on {@code port} (0 for a free one) and makes the extension's clients for it. A
   * port other than 0 is the one the last server had: Undertow binds with SO_REUSEADDR, so the
   * closed connections' TIME_WAIT do not hold it; but it is an ephemeral port, which a connection
   * made elsewhere meanwhile may hold for a moment, so binding it is tried again for a while.
   *
   * @param scope the context the server is for, whose test class {@code @SluiceTest} names the
   *     endpoints on
   */
  Running start(int port, ExtensionContext scope) {
    long deadline = System.nanoTime() + REBIND_TIMEOUT.toNanos();
    Started started;
    while (true) {
      try {
        started = startOn(port, scope);
        break;
      } catch (Exception e) {
        if (port == 0 || !causedBy(e, BindException.class) || System.nanoTime() > deadline) {
          throw e instanceof RuntimeException unchecked
              ? unchecked
              : new IllegalStateException("The starter failed", e);
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while binding port " + port, e);
      }
    }
    try {
      return clientsFor(started);
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
  }

  private Started startOn(int port, ExtensionContext scope) throws Exception {
    switch (form) {
      case ANNOTATION, SERVING -> {
        SseServer.Builder builder = SseServer.builder().port(port);
        for (Object endpoint : form == Form.SERVING ? endpoints : instantiate(scope)) {
          builder.register(endpoint);
        }
        serverSettings.accept(builder);
        return new Started.Served(builder.start());
      }
      case STARTING -> {
        SseServer server = starter.start(port);
        if (server == null) {
          throw new ExtensionConfigurationException("The starter returned no server");
        }
        return new Started.Served(server);
      }
      case MOUNTING -> {
        return mount(port);
      }
    }
    throw new AssertionError(form);
  }

  private Started mount(int port) {
    SseHandler.Builder builder = SseHandler.builder();
    endpoints.forEach(builder::register);
    handlerSettings.accept(builder);
    SseHandler handler = builder.build();
    Undertow undertow = null;
    try {
      // The extension's listener first: the one whose port it reads back.
      Undertow.Builder server = Undertow.builder().addHttpListener(port, "127.0.0.1");
      undertowSettings.accept(server);
      undertow = server.setHandler(routes.apply(handler)).build();
      undertow.start();
      return new Started.Mounted(handler, undertow);
    } catch (RuntimeException e) {
      handler.close();
      if (undertow != null) {
        undertow.stop();
      }
      throw e;
    }
  }

  private Running clientsFor(Started started) {
    URI baseUri =
        URI.create((trust != null ? "https" : "http") + "://127.0.0.1:" + started.port() + "/");
    HttpClient.Builder http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(CONNECT_TIMEOUT);
    if (trust != null) {
      http.sslContext(trust);
    }
    httpSettings.accept(http);
    HttpClient httpClient = http.build();
    SseClient.Builder client = SseClient.builder().baseUri(baseUri).httpClient(httpClient);
    clientSettings.accept(client);
    try {
      return new Running(started, baseUri, httpClient, client.build());
    } catch (IllegalStateException e) {
      throw new ExtensionConfigurationException(
          "The injected SseClient reads with the extension's HttpClient: set its version with"
              + " http(b -> b.version(..)), not client(..)",
          e);
    }
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static List<Object> instantiate(ExtensionContext context) {
    Optional<SluiceTest> declared = context.getTestClass().flatMap(Recipe::annotation);
    SluiceTest test =
        declared.orElseThrow(
            () ->
                new ExtensionConfigurationException(
                    "SluiceExtension needs @SluiceTest(endpoints = ..) on the test class, or"
                        + " registration with SluiceExtension.serving(..) in a @RegisterExtension"
                        + " field"));
    List<Object> instances = new ArrayList<>();
    for (Class<?> type : test.endpoints()) {
      try {
        instances.add(type.getConstructor().newInstance());
      } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
        throw new ExtensionConfigurationException(
            "@SluiceTest endpoint "
                + type.getName()
                + " needs a public no-argument constructor; to pass arguments, register"
                + " SluiceExtension.serving(new "
                + type.getSimpleName()
                + "(..)) in a field",
            e);
      } catch (InvocationTargetException e) {
        throw new ExtensionConfigurationException(
            "Constructing @SluiceTest endpoint " + type.getName() + " failed", e.getCause());
      }
    }
    return instances;
  }

  /** The annotation on the class or, for a nested class, on an enclosing one. */
  private static Optional<SluiceTest> annotation(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      Optional<SluiceTest> found = AnnotationSupport.findAnnotation(c, SluiceTest.class);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
