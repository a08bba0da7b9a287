package dev.sluice.internal.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.spi.SseEncoders;
import dev.sluice.spi.SseRoute;
import dev.sluice.spi.SseRouteProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteProvidersTest {
  @TempDir Path dir;

  /** Stand for generated providers: an interface's, a superclass's, and an unrelated one. */
  public interface Api {}

  public static class Base implements Api {}

  public static class Leaf extends Base {}

  public static class Unrelated {}

  public static final class ApiProvider extends FakeProvider {
    public ApiProvider() {
      super(Api.class);
    }
  }

  public static final class BaseProvider extends FakeProvider {
    public BaseProvider() {
      super(Base.class);
    }
  }

  public static final class UnrelatedProvider extends FakeProvider {
    public UnrelatedProvider() {
      super(Unrelated.class);
    }
  }

  abstract static class FakeProvider implements SseRouteProvider {
    private final Class<?> type;

    FakeProvider(Class<?> type) {
      this.type = type;
    }

    @Override
    public Class<?> endpointType() {
      return type;
    }

    @Override
    public List<SseRoute> routes(Object endpoint, SseEncoders encoders) {
      return List.of();
    }
  }

  private ClassLoader loaderListing(String... entries) throws IOException {
    Path services = dir.resolve("META-INF/services/" + SseRouteProvider.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, String.join("\n", entries) + "\n");
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void inheritedEndpoints_comeFromEverySupertypeWithRoutes() throws IOException {
    ClassLoader loader =
        loaderListing(
            ApiProvider.class.getName(),
            UnrelatedProvider.class.getName(),
            BaseProvider.class.getName());

    List<SseRouteProvider> found = new RouteProviders(w -> {}).forType(Leaf.class, loader);

    assertEquals(
        List.of(BaseProvider.class, ApiProvider.class),
        found.stream().map(Object::getClass).toList());
  }

  @Test
  void staleServicesEntry_isSkippedWithAWarningNamingIt() throws IOException {
    ClassLoader loader =
        loaderListing("com.example.Gone_SseRoutes$Provider", BaseProvider.class.getName());
    List<String> warnings = new ArrayList<>();

    List<SseRouteProvider> found = new RouteProviders(warnings::add).forType(Base.class, loader);

    assertEquals(List.of(BaseProvider.class), found.stream().map(Object::getClass).toList());
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("com.example.Gone_SseRoutes$Provider"), warnings.get(0));
  }

  @Test
  void noRoutes_onTheClassPath_pointsAtTheProcessor() {
    String message = RouteProviders.noRoutes(Unrelated.class);

    assertTrue(
        message.startsWith("No generated SSE routes for " + Unrelated.class.getName()), message);
    assertTrue(message.contains("annotation processor path"), message);
    assertFalse(message.contains("module-info"), message);
  }

  @Test
  void noRoutes_inANamedModule_alsoGivesTheProvidesLine() {
    // Any class of a named module will do: these tests run on the class path.
    String message = RouteProviders.noRoutes(java.time.Duration.class);

    assertTrue(
        message.endsWith(
            "On the module path, module java.base must also provide them in"
                + " its module-info.java: provides dev.sluice.spi.SseRouteProvider with"
                + " java.time.Duration_SseRoutes.Provider;"),
        message);
  }
}
