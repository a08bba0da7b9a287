package dev.sluice.processor;

import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Classifies what an endpoint method returns. Validation reports {@link Result#problem}; the model
 * reads the rest, which is only meaningful when there is no problem.
 */
final class ReturnTypes {
  static final String SSE_EVENT = "dev.sluice.SseEvent";

  private ReturnTypes() {}

  /**
   * @param elementType X in {@code Stream<X>}, or Y for {@code ? extends Y}
   * @param payloadType the element type, or Y for an {@code SseEvent<Y>} element
   */
  record Result(
      String problem,
      ReturnKind kind,
      Encoding encoding,
      TypeMirror elementType,
      TypeMirror payloadType,
      boolean covariantEvents) {
    static Result problem(String message) {
      return new Result(message, null, null, null, null, false);
    }
  }

  static Result classify(ExecutableElement method) {
    TypeMirror returnType = method.getReturnType();
    String methodText = TypeText.of(method);
    Optional<ReturnKind> kind = kindOf(returnType);
    if (kind.isEmpty()) {
      return Result.problem(Messages.RETURN_TYPE.format(methodText, TypeText.of(returnType)));
    }
    DeclaredType declared = (DeclaredType) returnType;
    if (declared.getTypeArguments().isEmpty()) {
      return Result.problem(Messages.RAW_RETURN_TYPE.format(methodText, TypeText.of(returnType)));
    }
    TypeMirror element = upperBound(declared.getTypeArguments().get(0));
    if (element == null) {
      return Result.problem(Messages.WILDCARD_ELEMENT.format(methodText, TypeText.of(returnType)));
    }
    Optional<TypeMirror> raw = TypeScans.rawType(element);
    if (raw.isPresent()) {
      return Result.problem(
          Messages.RAW_ELEMENT.format(
              methodText, TypeText.of(returnType), TypeText.of(raw.get())));
    }
    Optional<TypeMirror> variable = TypeScans.typeVariable(element);
    if (variable.isPresent()) {
      return Result.problem(
          Messages.TYPE_VARIABLE_ELEMENT.format(
              methodText, TypeText.of(returnType), TypeText.of(variable.get())));
    }
    if (isClass(element, "java.lang.String")) {
      return new Result(null, kind.get(), Encoding.TEXT, element, element, false);
    }
    if (!isClass(element, SSE_EVENT)) {
      return new Result(null, kind.get(), Encoding.JSON, element, element, false);
    }
    TypeMirror data = ((DeclaredType) element).getTypeArguments().get(0);
    boolean covariant = data.getKind() == TypeKind.WILDCARD;
    data = upperBound(data);
    if (data == null) {
      return Result.problem(Messages.WILDCARD_ELEMENT.format(methodText, TypeText.of(returnType)));
    }
    Encoding encoding =
        isClass(data, "java.lang.String") ? Encoding.TEXT_EVENTS : Encoding.JSON_EVENTS;
    return new Result(null, kind.get(), encoding, element, data, covariant);
  }

  private static Optional<ReturnKind> kindOf(TypeMirror type) {
    for (ReturnKind kind : ReturnKind.values()) {
      if (isClass(type, kind.qualifiedName())) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /** The type itself, Y for {@code ? extends Y}, or null for {@code ?} and {@code ? super Y}. */
  private static TypeMirror upperBound(TypeMirror type) {
    if (type.getKind() != TypeKind.WILDCARD) {
      return type;
    }
    return ((WildcardType) type).getExtendsBound();
  }

  static boolean isClass(TypeMirror type, String qualifiedName) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement())
            .getQualifiedName()
            .contentEquals(qualifiedName);
  }
}
