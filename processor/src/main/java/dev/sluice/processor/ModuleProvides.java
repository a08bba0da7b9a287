package dev.sluice.processor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * On the module path {@code ServiceLoader} ignores {@code META-INF/services} and finds a named
 * module's providers only in its {@code provides} directives, so the routes generated in a module
 * must be listed there, and no processor can add them: this checks that the module compiled now
 * lists every routes class generated in it, and reports the exact line to write.
 *
 * <p>A module is checked only when its {@code module-info.java} is compiled together with the
 * endpoints (javac then makes the module a root element): a test compilation patched into a module,
 * or an incremental one, sees a declaration it cannot change. And only in the final round: asking
 * javac for a module's directives in an earlier one makes it resolve the {@code provides} of routes
 * not generated yet, and report them as errors of its own.
 */
final class ModuleProvides {
  static final String SERVICE = "dev.sluice.spi.SseRouteProvider";

  /** Named modules whose {@code module-info.java} this compilation compiles. */
  private final Set<String> declaredHere = new LinkedHashSet<>();

  /** Canonical names of the providers generated in each named module, as module-info names them. */
  private final Map<String, SortedSet<String>> generated = new TreeMap<>();

  /** Notes the modules of the round's {@code module-info.java} files. */
  void rootsOf(RoundEnvironment round) {
    for (Element root : round.getRootElements()) {
      if (root instanceof ModuleElement module && !module.isUnnamed()) {
        declaredHere.add(module.getQualifiedName().toString());
      }
    }
  }

  /** Notes a provider generated for {@code type}; nothing for a type outside a named module. */
  void generated(TypeElement type, String providerCanonicalName, Elements elements) {
    ModuleElement module = elements.getModuleOf(type);
    if (module != null && !module.isUnnamed()) {
      generated
          .computeIfAbsent(module.getQualifiedName().toString(), m -> new TreeSet<>())
          .add(providerCanonicalName);
    }
  }

  /** In the final round: an error on each module whose declaration lacks some of its routes. */
  void check(Elements elements, ErrorReporter reporter) {
    generated.forEach(
        (name, providers) -> {
          ModuleElement module = elements.getModuleElement(name);
          if (module == null || !declaredHere.contains(name)) {
            return;
          }
          List<String> declared = new ArrayList<>();
          for (ModuleElement.ProvidesDirective provides :
              ElementFilter.providesIn(module.getDirectives())) {
            if (provides.getService().getQualifiedName().contentEquals(SERVICE)) {
              for (TypeElement implementation : provides.getImplementations()) {
                declared.add(implementation.getQualifiedName().toString());
              }
            }
          }
          List<String> missing = new ArrayList<>(providers);
          missing.removeAll(declared);
          if (!missing.isEmpty()) {
            List<String> all = new ArrayList<>(declared);
            all.addAll(missing);
            reporter.error(
                Messages.MISSING_PROVIDES.format(name, String.join(", ", missing), directive(all)),
                module);
          }
        });
  }

  /** {@code provides dev.sluice.spi.SseRouteProvider with a.A_SseRoutes.Provider, ...;} */
  static String directive(List<String> providers) {
    return "provides " + SERVICE + " with " + String.join(", ", providers) + ";";
  }
}
