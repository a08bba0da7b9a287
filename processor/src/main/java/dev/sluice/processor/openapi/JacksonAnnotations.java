package dev.sluice.processor.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Jackson's annotations, read by name: the processor must not depend on {@code
 * jackson-annotations}, which a user's processor path does not have. Jackson 2 and 3 share the
 * annotations' package.
 */
final class JacksonAnnotations {
  private static final String PACKAGE = "com.fasterxml.jackson.annotation.";
  static final String JSON_PROPERTY = PACKAGE + "JsonProperty";
  static final String JSON_IGNORE = PACKAGE + "JsonIgnore";
  static final String JSON_IGNORE_PROPERTIES = PACKAGE + "JsonIgnoreProperties";
  static final String JSON_VALUE = PACKAGE + "JsonValue";
  static final String JSON_INCLUDE = PACKAGE + "JsonInclude";

  private JacksonAnnotations() {}

  static Optional<AnnotationMirror> find(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(qualifiedName)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code @JsonIgnore} (or {@code @JsonValue}) is on the element and in force: both take a
   * {@code value} that turns them off when false.
   */
  static boolean isOn(Element element, String qualifiedName) {
    return find(element, qualifiedName)
        .map(mirror -> attribute(mirror, "value").map(v -> (Boolean) v.getValue()).orElse(true))
        .orElse(false);
  }

  /** The name {@code @JsonProperty} gives, empty when absent or when it keeps the default. */
  static Optional<String> propertyName(Element element) {
    return find(element, JSON_PROPERTY)
        .flatMap(mirror -> attribute(mirror, "value"))
        .map(value -> (String) value.getValue())
        .filter(name -> !name.isEmpty());
  }

  static boolean hasProperty(Element element) {
    return find(element, JSON_PROPERTY).isPresent();
  }

  /** The names {@code @JsonIgnoreProperties} lists on a class. */
  static List<String> ignoredProperties(Element type) {
    List<String> names = new ArrayList<>();
    find(type, JSON_IGNORE_PROPERTIES)
        .flatMap(mirror -> attribute(mirror, "value"))
        .ifPresent(
            value -> {
              for (Object item : (List<?>) value.getValue()) {
                names.add((String) ((AnnotationValue) item).getValue());
              }
            });
    return names;
  }

  /**
   * Whether {@code @JsonInclude} on the element leaves out null values (any inclusion but {@code
   * ALWAYS} and {@code USE_DEFAULTS}), so that a null property is absent, not null.
   */
  static boolean omitsNulls(Element element) {
    return find(element, JSON_INCLUDE)
        .flatMap(mirror -> attribute(mirror, "value"))
        .map(value -> ((VariableElement) value.getValue()).getSimpleName().toString())
        .map(inclusion -> !inclusion.equals("ALWAYS") && !inclusion.equals("USE_DEFAULTS"))
        .orElse(false);
  }

  private static Optional<AnnotationValue> attribute(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return Optional.of(entry.getValue());
      }
    }
    return Optional.empty();
  }
}
