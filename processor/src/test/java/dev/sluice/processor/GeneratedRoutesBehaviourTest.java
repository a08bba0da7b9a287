package dev.sluice.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.sluice.processor.TestSources.assertCompilesCleanly;
import static dev.sluice.processor.TestSources.source;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.type.TypeReference;
import com.google.testing.compile.Compilation;
import dev.sluice.SseEvent;
import dev.sluice.encode.SseEncoder;
import dev.sluice.spi.BadParameterException;
import dev.sluice.spi.SseEncoders;
import dev.sluice.spi.SseRequest;
import dev.sluice.spi.SseRoute;
import dev.sluice.spi.SseRouteProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Runs the generated routes, loaded from compile-testing's class files, against fakes. */
class GeneratedRoutesBehaviourTest {
  private static final JavaFileObject ECHO =
      source(
          "Echo",
          "public class Echo {",
          "  public enum Color { RED, GREEN }",
          "",
          "  @SseEndpoint(\"/rooms/{room}\")",
          "  public Stream<String> echo(",
          "      @PathParam(\"room\") UUID room,",
          "      @QueryParam(\"n\") int n,",
          "      @QueryParam(\"color\") Optional<Color> color,",
          "      @HeaderParam(\"X-Every\") Duration every,",
          "      @LastEventId String lastId,",
          "      @QueryParam(\"request\") String request) {",
          "    return Stream.of(room + \" \" + n + \" \" + color + \" \" + every + \" \" + lastId",
          "        + \" \" + request);",
          "  }",
          "}");

  private static final JavaFileObject TICKER =
      source(
          "Ticker",
          "public class Ticker {",
          "  @SseEndpoint(value = \"/prices\", heartbeat = \"PT0.5S\", maxStreams = 3)",
          "  public Flow.Publisher<String> prices() {",
          "    return null;",
          "  }",
          "",
          "  @SseEndpoint(value = \"/quiet\", heartbeat = \"PT0S\")",
          "  public Stream<String> quiet() {",
          "    return null;",
          "  }",
          "",
          "  @SseEndpoint(\"/plain\")",
          "  public Stream<String> plain() {",
          "    return null;",
          "  }",
          "}");

  private static final String ROOM = "123e4567-e89b-12d3-a456-426614174000";

  @Test
  void route_convertsParametersAndCallsTheMethod() throws Exception {
    SseRoute route = echoRoute();
    Map<String, String> values = validRequest();

    List<?> elements =
        route.handler().handle(request(values)).stream().collect(Collectors.toList());

    assertThat(route.path()).isEqualTo("/rooms/{room}");
    assertThat(route.method()).isEqualTo("Echo.echo");
    assertThat(route.kind()).isEqualTo(SseRoute.Kind.STREAM);
    assertThat(elements).containsExactly(ROOM + " 7 Optional[GREEN] PT5S 41 me");
  }

  @Test
  void missingRequiredParameter_isABadParameter() throws Exception {
    Map<String, String> values = validRequest();
    values.remove("query:n");

    assertThat(rejection(echoRoute(), request(values))).isEqualTo("Missing query parameter 'n'");
  }

  @Test
  void unknownEnumConstant_listsTheValidOnes() throws Exception {
    Map<String, String> values = validRequest();
    values.put("query:color", "BLUE");

    assertThat(rejection(echoRoute(), request(values))).contains("one of RED, GREEN");
  }

  @Test
  void routes_carryTheEndpointsHeartbeatAndStreamLimit() throws Exception {
    List<SseRoute> routes = routesOf(TICKER, "Ticker");

    assertThat(routes.stream().map(SseRoute::path))
        .containsExactly("/prices", "/quiet", "/plain")
        .inOrder();
    assertThat(routes.get(0).heartbeat()).isEqualTo(Duration.ofMillis(500));
    assertThat(routes.get(0).maxStreams()).isEqualTo(3);
    assertThat(routes.get(1).heartbeat()).isEqualTo(Duration.ZERO);
    assertThat(routes.get(1).maxStreams()).isEqualTo(0);
    assertThat(routes.get(2).heartbeat()).isNull();
    assertThat(routes.get(2).maxStreams()).isEqualTo(0);
  }

  private static final JavaFileObject PROFILE =
      source(
          "Profile",
          "public class Profile {",
          "  public record User(String name) {}",
          "",
          "  @SseEndpoint(\"/me\")",
          "  public Stream<String> me(@Authenticated User user) {",
          "    return Stream.of(user.name());",
          "  }",
          "",
          "  @SseEndpoint(\"/hello\")",
          "  public Stream<String> hello(@Authenticated Optional<User> user) {",
          "    return Stream.of(user.map(User::name).orElse(\"stranger\"));",
          "  }",
          "",
          "  @SseEndpoint(\"/open\")",
          "  public Stream<String> open() {",
          "    return Stream.of(\"anyone\");",
          "  }",
          "}");

  @Test
  void routes_carryTheirPrincipalType_andPassThePrincipal() throws Exception {
    List<SseRoute> routes = routesOf(PROFILE, "Profile");
    Class<?> user = routes.get(0).principalType();

    assertThat(user.getName()).isEqualTo("test.Profile$User");
    assertThat(routes.get(0).principalRequired()).isTrue();
    assertThat(routes.get(1).principalType()).isSameInstanceAs(user);
    assertThat(routes.get(1).principalRequired()).isFalse();
    assertThat(routes.get(2).principalType()).isNull();
    assertThat(routes.get(2).principalRequired()).isFalse();

    Object ada = user.getConstructor(String.class).newInstance("ada");
    assertThat(elements(routes.get(0), ada)).containsExactly("ada");
    assertThat(elements(routes.get(1), ada)).containsExactly("ada");
    assertThat(elements(routes.get(1), null)).containsExactly("stranger");
    assertThat(elements(routes.get(2), null)).containsExactly("anyone");
  }

  private static List<?> elements(SseRoute route, Object principal) throws Exception {
    return route.handler().handle(request(Map.of(), Map.of(), principal)).stream()
        .collect(Collectors.toList());
  }

  @Test
  void throwableThatIsNoException_reachesTheServerWrapped() throws Exception {
    JavaFileObject source =
        source(
            "Odd",
            "public class Odd {",
            "  public static final class Oddity extends Throwable {",
            "    private static final long serialVersionUID = 1L;",
            "  }",
            "",
            "  @SseEndpoint(\"/odd\")",
            "  public Stream<String> odd() throws Oddity {",
            "    throw new Oddity();",
            "  }",
            "}");
    SseRoute route = routesOf(source, "Odd").get(0);

    UndeclaredThrowableException e =
        assertThrows(
            UndeclaredThrowableException.class,
            () -> route.handler().handle(request(new HashMap<>())));
    assertThat(e).hasCauseThat().isInstanceOf(Throwable.class);
    assertThat(e.getCause().getClass().getName()).isEqualTo("test.Odd$Oddity");
  }

  private static final JavaFileObject TAGS =
      source(
          "Tags",
          "public class Tags {",
          "  public enum Color { RED, GREEN }",
          "",
          "  @SseEndpoint(\"/tags\")",
          "  public Stream<String> tags(",
          "      @QueryParam(\"tag\") List<String> tags,",
          "      @QueryParam(\"n\") java.util.Set<Integer> numbers,",
          "      @HeaderParam(\"X-Color\") List<Color> colors,",
          "      @HeaderParam(\"X-Id\") java.util.Set<UUID> ids) {",
          "    return Stream.of(tags + \" \" + numbers + \" \" + colors + \" \" + ids);",
          "  }",
          "}");

  @Test
  void repeatedParameters_areListsAndSetsInRequestOrder() throws Exception {
    SseRoute route = routesOf(TAGS, "Tags").get(0);
    Map<String, List<String>> repeated =
        Map.of(
            "query:tag", List.of("b", "a", "b"),
            "query:n", List.of("3", "1", "3"),
            "header:X-Color", List.of("GREEN", "RED"));
    Map<String, String> single = Map.of("header:X-Id", ROOM);

    List<?> elements =
        route.handler().handle(request(single, repeated)).stream().collect(Collectors.toList());

    assertThat(elements).containsExactly("[b, a, b] [3, 1] [GREEN, RED] [" + ROOM + "]");
  }

  @Test
  void absentRepeatedParameters_areEmpty() throws Exception {
    SseRoute route = routesOf(TAGS, "Tags").get(0);

    List<?> elements =
        route.handler().handle(request(Map.of())).stream().collect(Collectors.toList());

    assertThat(elements).containsExactly("[] [] [] []");
  }

  @Test
  void badValueAmongRepeatedOnes_isABadParameter() throws Exception {
    SseRoute route = routesOf(TAGS, "Tags").get(0);
    Map<String, List<String>> repeated = Map.of("query:n", List.of("1", "two"));

    assertThat(rejection(route, request(Map.of(), repeated)))
        .isEqualTo("Invalid query parameter 'n': expected an integer, got 'two'");
  }

  /** The message of the bad parameter {@code route} finds in {@code request}. */
  private static String rejection(SseRoute route, SseRequest request) {
    return assertThrows(BadParameterException.class, () -> route.handler().handle(request))
        .getMessage();
  }

  private static Map<String, String> validRequest() {
    Map<String, String> values = new HashMap<>();
    values.put("path:room", ROOM);
    values.put("query:n", "7");
    values.put("query:color", "GREEN");
    values.put("header:X-Every", "PT5S");
    values.put("lastEventId", "41");
    values.put("query:request", "me");
    return values;
  }

  private static SseRoute echoRoute() throws Exception {
    List<SseRoute> routes = routesOf(ECHO, "Echo");
    assertThat(routes).hasSize(1);
    return routes.get(0);
  }

  /** Compiles {@code test.<name>} strictly and asks its generated provider for the routes. */
  private static List<SseRoute> routesOf(JavaFileObject source, String name) throws Exception {
    ClassLoader loader = new CompiledClassLoader(assertCompilesCleanly(source));
    SseRouteProvider provider =
        (SseRouteProvider)
            loader.loadClass("test." + name + "_SseRoutes$Provider").getConstructor().newInstance();
    Object endpoint = loader.loadClass("test." + name).getConstructor().newInstance();
    assertThat(provider.endpointType()).isSameInstanceAs(endpoint.getClass());
    return provider.routes(endpoint, new FakeEncoders());
  }

  private static SseRequest request(Map<String, String> values) {
    return request(values, Map.of());
  }

  /** {@code repeated} holds the values of parameters given more than once, by the same keys. */
  private static SseRequest request(
      Map<String, String> values, Map<String, List<String>> repeated) {
    return request(values, repeated, null);
  }

  private static SseRequest request(
      Map<String, String> values, Map<String, List<String>> repeated, Object principal) {
    return new SseRequest() {
      private List<String> all(String key) {
        if (repeated.containsKey(key)) {
          return repeated.get(key);
        }
        return values.containsKey(key) ? List.of(values.get(key)) : List.of();
      }

      @Override
      public List<String> queryParams(String name) {
        return all("query:" + name);
      }

      @Override
      public List<String> headers(String name) {
        return all("header:" + name);
      }

      @Override
      public String pathParam(String name) {
        return values.get("path:" + name);
      }

      @Override
      public String queryParam(String name) {
        return values.get("query:" + name);
      }

      @Override
      public String header(String name) {
        return values.get("header:" + name);
      }

      @Override
      public String lastEventId() {
        return values.get("lastEventId");
      }

      @Override
      public Object principal() {
        return principal;
      }
    };
  }

  /** Defines the classes of one compilation; the runtime comes from the test's class path. */
  private static final class CompiledClassLoader extends ClassLoader {
    private final Map<String, JavaFileObject> classes = new HashMap<>();

    CompiledClassLoader(Compilation compilation) {
      super(GeneratedRoutesBehaviourTest.class.getClassLoader());
      for (JavaFileObject file : compilation.generatedFiles()) {
        if (file.getKind() == JavaFileObject.Kind.CLASS) {
          String path = file.toUri().getPath();
          String name = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length());
          classes.put(name.replace(".class", "").replace('/', '.'), file);
        }
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      JavaFileObject file = classes.get(name);
      if (file == null) {
        throw new ClassNotFoundException(name);
      }
      try (InputStream in = file.openInputStream()) {
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Every encoder writes nothing: these tests look at what reaches the user's method. */
  private static final class FakeEncoders implements SseEncoders {
    private static <T> SseEncoder<T> nothing() {
      return (element, out) -> {};
    }

    @Override
    public SseEncoder<String> text() {
      return nothing();
    }

    @Override
    public <T> SseEncoder<T> json(Class<T> type) {
      return nothing();
    }

    @Override
    public <T> SseEncoder<T> json(TypeReference<T> type) {
      return nothing();
    }

    @Override
    public SseEncoder<SseEvent<String>> textEvents() {
      return nothing();
    }

    @Override
    public <T> SseEncoder<SseEvent<T>> jsonEvents(Class<T> type) {
      return nothing();
    }

    @Override
    public <T> SseEncoder<SseEvent<T>> jsonEvents(TypeReference<T> type) {
      return nothing();
    }
  }
}
