package dev.sluice.test;

import dev.sluice.SseServer;
import dev.sluice.client.SseClient;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A JUnit 5 extension that starts an {@link SseServer} on a free port of {@code 127.0.0.1} for a
 * test's endpoints, resolves {@link SseClient} (pointed at the server, its blocking reads bounded
 * by the client's 30 s timeout) and {@link SseServer} parameters, and closes the server when its
 * scope ends.
 *
 * <p>Declared by {@link SluiceTest @SluiceTest(endpoints = ..)}, or registered in a field for
 * endpoints built by the test and for settings:
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
 * <p>Scope: a static field, or the annotation, gives one server per test class (nested classes
 * share it); an instance field gives one per test method. The field form's configuration is read
 * when its server starts.
 */
public final class SluiceExtension
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AfterAllCallback,
        ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SluiceExtension.class);

  /** Null when declared by {@code @SluiceTest}: its endpoints come from the annotation. */
  private final List<Object> endpoints;

  private Consumer<SseServer.Builder> serverSettings = server -> {};
  private Consumer<SseClient.Builder> clientSettings = client -> {};

  /** The field form's running server, for {@link #server()} and {@link #client()}. */
  private volatile Running running;

  /** For {@code @SluiceTest}; JUnit calls it. Register {@link #serving} in a field instead. */
  public SluiceExtension() {
    this.endpoints = null;
  }

  private SluiceExtension(List<Object> endpoints) {
    this.endpoints = endpoints;
  }

  /** An extension that serves these endpoint objects. */
  public static SluiceExtension serving(Object... endpoints) {
    return new SluiceExtension(List.of(endpoints));
  }

  /** Settings for the server, applied after {@code port(0)} and the endpoints. */
  public SluiceExtension server(Consumer<SseServer.Builder> settings) {
    this.serverSettings = settings;
    return this;
  }

  /** Settings for the injected client, applied after its {@code baseUri}. */
  public SluiceExtension client(Consumer<SseClient.Builder> settings) {
    this.clientSettings = settings;
    return this;
  }

  /** The running server (field form). */
  public SseServer server() {
    return current().server();
  }

  /** The client pointed at the running server (field form). */
  public SseClient client() {
    return current().client();
  }

  /** {@code http://127.0.0.1:port/}, where the running server listens (field form). */
  public URI baseUri() {
    return current().client().baseUri();
  }

  private Running current() {
    Running now = running;
    if (now == null) {
      throw new IllegalStateException(
          "No server is running: the extension starts one before"
              + " each test (or each test class, from a static field)");
    }
    return now;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    startIn(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    // An instance field's extension is not called before all: each test method gets a server.
    startIn(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    stopIn(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stopIn(context);
  }

  /**
   * Closes the server this context started, if it started one. JUnit 5.13 and later would also
   * close it with the context's store; before them only this does.
   */
  private static void stopIn(ExtensionContext context) {
    Running started = context.getStore(NAMESPACE).remove(Running.class, Running.class);
    if (started != null) {
      started.close();
    }
  }

  /** Starts a server in {@code context} unless it, or an enclosing one, already has one. */
  private void startIn(ExtensionContext context) {
    Running started =
        context
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(Running.class, type -> start(context), Running.class);
    if (endpoints != null) {
      running = started;
    }
  }

  private Running start(ExtensionContext context) {
    SseServer.Builder builder = SseServer.builder().port(0);
    for (Object endpoint : endpoints != null ? endpoints : instantiate(context)) {
      builder.register(endpoint);
    }
    serverSettings.accept(builder);
    SseServer server = builder.start();
    try {
      SseClient.Builder client =
          SseClient.builder().baseUri(URI.create("http://127.0.0.1:" + server.port() + "/"));
      clientSettings.accept(client);
      return new Running(server, client.build(), this);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private static List<Object> instantiate(ExtensionContext context) {
    Optional<SluiceTest> declared = context.getTestClass().flatMap(SluiceExtension::annotation);
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

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == SseClient.class || type == SseServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Running now = context.getStore(NAMESPACE).get(Running.class, Running.class);
    if (now == null) {
      // A test class constructor runs before the callbacks that start the server.
      startIn(context);
      now = context.getStore(NAMESPACE).get(Running.class, Running.class);
    }
    return parameter.getParameter().getType() == SseClient.class ? now.client() : now.server();
  }

  /** A server and its client, closed when the context that started them ends. */
  private record Running(SseServer server, SseClient client, SluiceExtension owner)
      implements AutoCloseable {
    @Override
    public void close() {
      if (owner.running == this) {
        owner.running = null;
      }
      server.close();
    }
  }
}
