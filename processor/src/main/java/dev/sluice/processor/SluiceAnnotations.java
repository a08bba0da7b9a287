package dev.sluice.processor;

import dev.sluice.annotation.Authenticated;
import dev.sluice.annotation.HeaderParam;
import dev.sluice.annotation.LastEventId;
import dev.sluice.annotation.PathParam;
import dev.sluice.annotation.QueryParam;
import dev.sluice.annotation.SseEndpoint;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** Reads Sluice's annotations through their mirrors, which diagnostics can point at. */
final class SluiceAnnotations {
  static final String SSE_ENDPOINT = SseEndpoint.class.getCanonicalName();
  static final String PATH_PARAM = PathParam.class.getCanonicalName();
  static final String AUTHENTICATED = Authenticated.class.getCanonicalName();

  /** {@code @SseEndpoint}'s attributes besides the path. */
  static final String HEARTBEAT = "heartbeat";

  static final String MAX_STREAMS = "maxStreams";

  /** The parameter annotations, in the order messages list them. */
  static final List<Class<? extends Annotation>> PARAMETER_ANNOTATIONS =
      List.of(
          PathParam.class,
          QueryParam.class,
          HeaderParam.class,
          LastEventId.class,
          Authenticated.class);

  private SluiceAnnotations() {}

  static Optional<AnnotationMirror> find(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(qualifiedName)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  static Optional<AnnotationMirror> endpoint(Element method) {
    return find(method, SSE_ENDPOINT);
  }

  /** The Sluice parameter annotations on a parameter, in the order they are written. */
  static List<AnnotationMirror> parameterAnnotations(Element parameter) {
    List<AnnotationMirror> found = new ArrayList<>();
    for (AnnotationMirror mirror : parameter.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      for (Class<? extends Annotation> annotation : PARAMETER_ANNOTATIONS) {
        if (type.getQualifiedName().contentEquals(annotation.getCanonicalName())) {
          found.add(mirror);
        }
      }
    }
    return found;
  }

  static String simpleName(AnnotationMirror mirror) {
    return mirror.getAnnotationType().asElement().getSimpleName().toString();
  }

  /** The {@code value} attribute, which all Sluice annotations but {@code @LastEventId} require. */
  static AnnotationValue value(AnnotationMirror mirror) {
    return explicit(mirror, "value")
        .orElseThrow(() -> new IllegalStateException("no value in " + mirror));
  }

  /**
   * An attribute the source sets, which diagnostics can point at; empty where the attribute keeps
   * its default.
   */
  static Optional<AnnotationValue> explicit(AnnotationMirror mirror, String attribute) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(attribute)) {
        return Optional.of(entry.getValue());
      }
    }
    return Optional.empty();
  }

  static String stringValue(AnnotationMirror mirror) {
    return (String) value(mirror).getValue();
  }
}
