package dev.sluice.processor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * A class's supertypes and the endpoints they declare. An endpoint is served for every object
 * registered whose class inherits it, as if declared on that class; the route of the class that
 * declares it calls the method virtually, so an override is the same endpoint.
 */
final class Hierarchy {
  private Hierarchy() {}

  /**
   * Every superclass and superinterface of {@code type}, without {@code Object}, depth first with
   * each class's superclass before its interfaces: the same order in every build.
   */
  static List<TypeElement> supertypes(TypeElement type, Types types) {
    Set<TypeElement> found = new LinkedHashSet<>();
    collect(type.asType(), types, found);
    found.remove(type);
    found.removeIf(t -> t.getQualifiedName().contentEquals("java.lang.Object"));
    return new ArrayList<>(found);
  }

  private static void collect(TypeMirror type, Types types, Set<TypeElement> found) {
    if (type.getKind() != TypeKind.DECLARED) {
      return;
    }
    if (!found.add((TypeElement) ((DeclaredType) type).asElement())) {
      return;
    }
    for (TypeMirror supertype : types.directSupertypes(type)) {
      collect(supertype, types, found);
    }
  }

  /** The {@code @SseEndpoint} methods {@code type} itself declares, in declaration order. */
  static List<ExecutableElement> declaredEndpoints(TypeElement type) {
    List<ExecutableElement> endpoints = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (SluiceAnnotations.endpoint(method).isPresent()) {
        endpoints.add(method);
      }
    }
    return endpoints;
  }
}
