package dev.sluice.internal.route;

import dev.sluice.spi.SseRouteProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Finds the generated routes of a registered object's class: those of every class and interface it
 * inherits from that declares {@code @SseEndpoint} methods, as if they were declared on the class
 * itself. Each provider calls its methods on the object, so an override is served by the route of
 * the method it overrides. Not thread-safe: used by one builder.
 */
public final class RouteProviders {
  private final Map<ClassLoader, Map<Class<?>, SseRouteProvider>> byLoader = new LinkedHashMap<>();
  private final Consumer<String> warnings;

  /**
   * @param warnings told of each services entry that cannot be loaded, which is skipped
   */
  public RouteProviders(Consumer<String> warnings) {
    this.warnings = warnings;
  }

  /**
   * The providers for {@code type} and its supertypes, the class's own first, then depth first,
   * each superclass before the interfaces: the order of the routes, which is the same in every run.
   * Empty when none of them has generated routes.
   */
  public List<SseRouteProvider> forType(Class<?> type) {
    return forType(type, type.getClassLoader());
  }

  /** As {@link #forType(Class)}, with the providers {@code loader} lists. */
  List<SseRouteProvider> forType(Class<?> type, ClassLoader loader) {
    Map<Class<?>, SseRouteProvider> providers = byLoader.computeIfAbsent(loader, this::load);
    List<SseRouteProvider> found = new ArrayList<>();
    for (Class<?> supertype : supertypes(type)) {
      SseRouteProvider provider = providers.get(supertype);
      if (provider != null) {
        found.add(provider);
      }
    }
    return found;
  }

  private static Set<Class<?>> supertypes(Class<?> type) {
    Set<Class<?>> all = new LinkedHashSet<>();
    collect(type, all);
    return all;
  }

  private static void collect(Class<?> type, Set<Class<?>> into) {
    if (type == null || !into.add(type)) {
      return;
    }
    collect(type.getSuperclass(), into);
    for (Class<?> implemented : type.getInterfaces()) {
      collect(implemented, into);
    }
  }

  /**
   * Every provider the loader lists, by endpoint class. An entry that cannot be loaded (a class
   * deleted since the services file was written, left behind by an incremental build) is skipped
   * with a warning naming it, instead of stopping every server from starting.
   */
  private Map<Class<?>, SseRouteProvider> load(ClassLoader loader) {
    Map<Class<?>, SseRouteProvider> providers = new LinkedHashMap<>();
    Iterator<SseRouteProvider> iterator =
        ServiceLoader.load(SseRouteProvider.class, loader).iterator();
    while (true) {
      SseRouteProvider provider;
      try {
        if (!iterator.hasNext()) {
          break;
        }
        provider = iterator.next();
      } catch (ServiceConfigurationError e) {
        // ServiceLoader's iterator moves past the entry it could not load.
        warnings.accept(skipped(e.getMessage()));
        continue;
      }
      Class<?> endpointType;
      try {
        endpointType = provider.endpointType();
      } catch (LinkageError e) {
        warnings.accept(skipped(provider.getClass().getName() + ": " + e));
        continue;
      }
      providers.putIfAbsent(endpointType, provider);
    }
    return providers;
  }

  /**
   * Why {@code type} has no routes: no endpoint, or no processor on the annotation processor path;
   * and in a named module, where {@code ServiceLoader} reads no services file, a {@code
   * module-info.java} that does not provide them (Sluice's processor reports that at compile time,
   * when it compiles the module's declaration).
   */
  public static String noRoutes(Class<?> type) {
    String message =
        "No generated SSE routes for "
            + type.getName()
            + ". Does it have @SseEndpoint methods, and is sluice-processor on the annotation"
            + " processor path (maven-compiler-plugin <annotationProcessorPaths>)?";
    Module module = type.getModule();
    if (module.isNamed()) {
      message +=
          " On the module path, module "
              + module.getName()
              + " must also provide them"
              + " in its module-info.java: provides "
              + SseRouteProvider.class.getName()
              + " with "
              + type.getName()
              + "_SseRoutes.Provider;";
    }
    return message;
  }

  private static String skipped(String what) {
    return "Skipping generated SSE routes that cannot be loaded (a stale entry in"
        + " META-INF/services/"
        + SseRouteProvider.class.getName()
        + "? a clean build removes it): "
        + what;
  }
}
