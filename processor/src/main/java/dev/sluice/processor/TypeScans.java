package dev.sluice.processor;

import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/** Finds a kind of type anywhere inside another: in type arguments, array components, bounds. */
final class TypeScans {
  private TypeScans() {}

  /** The first type not yet generated (or misspelled) inside {@code type}. */
  static Optional<TypeMirror> errorType(TypeMirror type) {
    return find(type, t -> t.getKind() == TypeKind.ERROR);
  }

  /** The first type variable inside {@code type}. */
  static Optional<TypeMirror> typeVariable(TypeMirror type) {
    return find(type, t -> t.getKind() == TypeKind.TYPEVAR);
  }

  /** The first raw use of a generic class inside {@code type}, such as {@code SseEvent}. */
  static Optional<TypeMirror> rawType(TypeMirror type) {
    return find(
        type,
        t ->
            t.getKind() == TypeKind.DECLARED
                && ((DeclaredType) t).getTypeArguments().isEmpty()
                && !((TypeElement) ((DeclaredType) t).asElement()).getTypeParameters().isEmpty());
  }

  /**
   * The first class inside {@code type} that code in {@code from} cannot name: one that is private,
   * or not public and in another package, or inside such a class.
   */
  static Optional<TypeElement> inaccessible(TypeMirror type, PackageElement from) {
    return find(type, t -> t.getKind() == TypeKind.DECLARED && blocking(asElement(t), from) != null)
        .map(t -> blocking(asElement(t), from));
  }

  /** The class, or the first class around it, that code in {@code from} cannot name; or null. */
  static TypeElement blocking(TypeElement type, PackageElement from) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      Set<Modifier> modifiers = e.getModifiers();
      if (modifiers.contains(Modifier.PRIVATE)
          || (!modifiers.contains(Modifier.PUBLIC)
              && !TypeText.packageOf((TypeElement) e).equals(from))) {
        return (TypeElement) e;
      }
    }
    return null;
  }

  private static TypeElement asElement(TypeMirror type) {
    return (TypeElement) ((DeclaredType) type).asElement();
  }

  interface Test {
    boolean matches(TypeMirror type);
  }

  static Optional<TypeMirror> find(TypeMirror type, Test test) {
    if (type == null) {
      return Optional.empty();
    }
    if (test.matches(type)) {
      return Optional.of(type);
    }
    switch (type.getKind()) {
      case DECLARED:
        for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
          Optional<TypeMirror> found = find(argument, test);
          if (found.isPresent()) {
            return found;
          }
        }
        return Optional.empty();
      case ARRAY:
        return find(((ArrayType) type).getComponentType(), test);
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        return find(wildcard.getExtendsBound(), test)
            .or(() -> find(wildcard.getSuperBound(), test));
      default:
        return Optional.empty();
    }
  }
}
