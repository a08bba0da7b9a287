package dev.sluice.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * The routes class generated for one user class.
 *
 * @param endpointType the user's class
 * @param routesType the generated class, {@code Outer_Inner_SseRoutes} in the same package
 * @param endpoints in declaration order
 */
record RoutesModel(
    ClassName endpointType,
    ClassName routesType,
    List<EndpointModel> endpoints,
    TypeElement origin) {

  RoutesModel {
    endpoints = List.copyOf(endpoints);
  }

  static ClassName routesTypeFor(ClassName endpointType) {
    return ClassName.get(
        endpointType.packageName(), String.join("_", endpointType.simpleNames()) + "_SseRoutes");
  }

  /** The provider's binary name, as {@code META-INF/services} lists it. */
  String providerBinaryName() {
    String prefix = routesType.packageName().isEmpty() ? "" : routesType.packageName() + ".";
    return prefix + routesType.simpleName() + "$Provider";
  }
}
