package dev.sluice.processor;

import java.util.Optional;
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
        t -> t.getKind() == TypeKind.DECLARED
            && ((DeclaredType) t).getTypeArguments().isEmpty()
            && !((TypeElement) ((DeclaredType) t).asElement()).getTypeParameters().isEmpty());
  }

  private interface Test {
    boolean matches(TypeMirror type);
  }

  private static Optional<TypeMirror> find(TypeMirror type, Test test) {
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
