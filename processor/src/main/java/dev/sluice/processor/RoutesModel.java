package dev.sluice.processor;

import com.palantir.javapoet.ClassName;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.TypeElement;

/**
 * The routes class generated for one user class.
 *
 * @param endpointType the user's class
 * @param routesType the generated class, {@code Outer$Inner_SseRoutes} in the same package
 * @param endpoints in declaration order
 * @param shadowedJavaLang the simple names of {@code java.lang} classes that a class of the user's
 *     package shadows, such as a {@code String} of its own: the generated code writes those in full
 * @param deprecated whether the code uses a deprecated class or method, whose warnings it then
 *     suppresses: the user chose to use them, and builds with {@code -Werror} must pass
 */
record RoutesModel(
    ClassName endpointType,
    ClassName routesType,
    List<EndpointModel> endpoints,
    Set<String> shadowedJavaLang,
    boolean deprecated,
    TypeElement origin) {

  RoutesModel {
    endpoints = List.copyOf(endpoints);
    shadowedJavaLang = Collections.unmodifiableSortedSet(new TreeSet<>(shadowedJavaLang));
  }

  /**
   * Named after the binary name ({@code Outer$Inner}), which javac keeps unique: joined with '_',
   * {@code Outer.Inner} and a class {@code Outer_Inner} would both get the same routes.
   */
  static ClassName routesTypeFor(ClassName endpointType) {
    return ClassName.get(
        endpointType.packageName(), String.join("$", endpointType.simpleNames()) + "_SseRoutes");
  }

  /** The provider's binary name, as {@code META-INF/services} lists it. */
  String providerBinaryName() {
    String prefix = routesType.packageName().isEmpty() ? "" : routesType.packageName() + ".";
    return prefix + routesType.simpleName() + "$Provider";
  }
}
