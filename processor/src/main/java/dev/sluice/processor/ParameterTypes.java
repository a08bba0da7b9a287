package dev.sluice.processor;

import com.palantir.javapoet.TypeName;
import dev.sluice.processor.ParamBinding.Arity;
import dev.sluice.processor.ParamBinding.Conversion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The parameter types Sluice converts from request text, each with its {@code Params} converter.
 * Shared by validation, which rejects the others, and the model, which records the converter.
 */
final class ParameterTypes {
  static final String OPTIONAL = "java.util.Optional";
  static final String LIST = "java.util.List";
  static final String SET = "java.util.Set";
  static final String STRING = "java.lang.String";

  private static final Map<TypeKind, String> PRIMITIVES =
      Map.of(
          TypeKind.INT, "INT",
          TypeKind.LONG, "LONG",
          TypeKind.SHORT, "SHORT",
          TypeKind.BYTE, "BYTE",
          TypeKind.DOUBLE, "DOUBLE",
          TypeKind.FLOAT, "FLOAT",
          TypeKind.BOOLEAN, "BOOLEAN",
          TypeKind.CHAR, "CHAR");

  private static final Map<String, String> CLASSES =
      Map.ofEntries(
          Map.entry(STRING, "STRING"),
          Map.entry("java.lang.Integer", "INT"),
          Map.entry("java.lang.Long", "LONG"),
          Map.entry("java.lang.Short", "SHORT"),
          Map.entry("java.lang.Byte", "BYTE"),
          Map.entry("java.lang.Double", "DOUBLE"),
          Map.entry("java.lang.Float", "FLOAT"),
          Map.entry("java.lang.Boolean", "BOOLEAN"),
          Map.entry("java.lang.Character", "CHAR"),
          Map.entry("java.util.UUID", "UUID"),
          Map.entry("java.time.Duration", "DURATION"));

  private ParameterTypes() {}

  /** Whether {@code type} is {@code Optional<X>}, with or without a type argument. */
  static boolean isOptional(TypeMirror type) {
    return ReturnTypes.isClass(type, OPTIONAL);
  }

  /** The X of {@code Optional<X>} (or of a List or Set), or empty for a raw type. */
  static Optional<TypeMirror> optionalValue(TypeMirror optional) {
    List<? extends TypeMirror> arguments = ((DeclaredType) optional).getTypeArguments();
    return arguments.isEmpty() ? Optional.empty() : Optional.of(arguments.get(0));
  }

  /** Whether {@code type} is {@code List<X>} or {@code Set<X>}, with or without an argument. */
  static boolean isMultiValued(TypeMirror type) {
    return ReturnTypes.isClass(type, LIST) || ReturnTypes.isClass(type, SET);
  }

  /** How many values a parameter of this type takes; only meaningful for a supported type. */
  static Arity arity(TypeMirror type) {
    if (isOptional(type)) {
      return Arity.OPTIONAL;
    }
    if (ReturnTypes.isClass(type, LIST)) {
      return Arity.LIST;
    }
    return ReturnTypes.isClass(type, SET) ? Arity.SET : Arity.REQUIRED;
  }

  /**
   * The converter for a parameter of this type, {@code Optional}, {@code List} and {@code Set} of a
   * supported type included; empty if unsupported.
   */
  static Optional<Conversion> conversion(TypeMirror type) {
    if (isOptional(type) || isMultiValued(type)) {
      // Optional of a primitive cannot be written, and Optional<List<X>> means nothing here.
      return optionalValue(type)
          .filter(value -> !isOptional(value) && !isMultiValued(value))
          .flatMap(ParameterTypes::of);
    }
    return of(type);
  }

  private static Optional<Conversion> of(TypeMirror type) {
    if (PRIMITIVES.containsKey(type.getKind())) {
      return Optional.of(Conversion.constant(PRIMITIVES.get(type.getKind())));
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    String constant = CLASSES.get(element.getQualifiedName().toString());
    if (constant != null) {
      return Optional.of(Conversion.constant(constant));
    }
    if (element.getKind() == ElementKind.ENUM) {
      // Listed at compile time so that a 400 can say which values are valid without reflection.
      String constants =
          element.getEnclosedElements().stream()
              .filter(e -> e.getKind() == ElementKind.ENUM_CONSTANT)
              .map(e -> e.getSimpleName().toString())
              .collect(Collectors.joining(", "));
      return Optional.of(Conversion.ofEnum(TypeName.get(type).withoutAnnotations(), constants));
    }
    return Optional.empty();
  }
}
