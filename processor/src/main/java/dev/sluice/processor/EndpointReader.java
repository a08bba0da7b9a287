package dev.sluice.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.sluice.processor.EndpointModel.Throwing;
import dev.sluice.processor.ParamBinding.Arity;
import dev.sluice.processor.ParamBinding.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The model phase: turns a class that passed validation into plain values. It relies on the
 * validator's verdict and so makes no checks of its own.
 */
final class EndpointReader {
  private final Elements elements;
  private final Types types;

  EndpointReader(ProcessingEnvironment env) {
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
  }

  RoutesModel read(TypeElement type, List<ExecutableElement> endpoints) {
    ClassName endpointType = ClassName.get(type);
    List<EndpointModel> models = new ArrayList<>();
    for (ExecutableElement method : endpoints) {
      models.add(readEndpoint(type, method));
    }
    boolean deprecatedSubtypes =
        models.stream()
            .flatMap(model -> model.naming().subtypes().stream())
            .anyMatch(EventNaming.Subtype::deprecated);
    return new RoutesModel(
        endpointType,
        RoutesModel.routesTypeFor(endpointType),
        models,
        shadowedJavaLang(TypeText.packageOf(type)),
        deprecatedSubtypes || usesDeprecated(type, endpoints),
        type);
  }

  /** Classes of the package named like a {@code java.lang} class, which they shadow. */
  private Set<String> shadowedJavaLang(PackageElement pkg) {
    Set<String> shadowed = new TreeSet<>();
    for (Element member : pkg.getEnclosedElements()) {
      String name = member.getSimpleName().toString();
      if (elements.getTypeElement("java.lang." + name) != null) {
        shadowed.add(name);
      }
    }
    return shadowed;
  }

  /** Whether the generated code names a deprecated class, or calls a deprecated method. */
  private boolean usesDeprecated(TypeElement type, List<ExecutableElement> endpoints) {
    List<TypeMirror> used = new ArrayList<>();
    used.add(type.asType());
    for (ExecutableElement method : endpoints) {
      if (elements.isDeprecated(method)) {
        return true;
      }
      used.add(method.getReturnType());
      for (VariableElement parameter : method.getParameters()) {
        used.add(parameter.asType());
      }
    }
    return used.stream().anyMatch(t -> TypeScans.find(t, this::isDeprecatedClass).isPresent());
  }

  private boolean isDeprecatedClass(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return false;
    }
    for (Element e = ((DeclaredType) type).asElement();
        e instanceof TypeElement;
        e = e.getEnclosingElement()) {
      if (elements.isDeprecated(e)) {
        return true;
      }
    }
    return false;
  }

  private EndpointModel readEndpoint(TypeElement type, ExecutableElement method) {
    AnnotationMirror endpoint = SluiceAnnotations.endpoint(method).orElseThrow();
    ReturnTypes.Result result = ReturnTypes.classify(method, types);
    List<ParamBinding> params = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      params.add(readParameter(parameter));
    }
    return new EndpointModel(
        SluiceAnnotations.stringValue(endpoint),
        method.getSimpleName().toString(),
        TypeText.of(type) + "." + method.getSimpleName(),
        params,
        result.kind(),
        result.encoding(),
        TypeName.get(result.elementType()),
        TypeName.get(result.payloadType()),
        result.covariantEvents(),
        result.encoding().needsPayloadType()
            ? EventTypes.analyze(result.payloadType(), TypeText.packageOf(type), "", Set.of())
                .naming()
            : EventNaming.NONE,
        throwing(method),
        heartbeat(endpoint),
        maxStreams(endpoint),
        method);
  }

  private Throwing throwing(ExecutableElement method) {
    if (method.getThrownTypes().isEmpty()) {
      return Throwing.NOTHING;
    }
    TypeMirror exception = elements.getTypeElement("java.lang.Exception").asType();
    TypeMirror error = elements.getTypeElement("java.lang.Error").asType();
    for (TypeMirror thrown : method.getThrownTypes()) {
      if (!types.isAssignable(thrown, exception) && !types.isAssignable(thrown, error)) {
        return Throwing.THROWABLES;
      }
    }
    return Throwing.EXCEPTIONS;
  }

  /** Null when the attribute is absent or empty: the server's interval applies. */
  private static Duration heartbeat(AnnotationMirror endpoint) {
    return SluiceAnnotations.explicit(endpoint, SluiceAnnotations.HEARTBEAT)
        .map(value -> (String) value.getValue())
        .filter(text -> !text.isEmpty())
        .map(Duration::parse)
        .orElse(null);
  }

  private static int maxStreams(AnnotationMirror endpoint) {
    return SluiceAnnotations.explicit(endpoint, SluiceAnnotations.MAX_STREAMS)
        .map(value -> (Integer) value.getValue())
        .orElse(0);
  }

  private static ParamBinding readParameter(VariableElement parameter) {
    AnnotationMirror annotation = SluiceAnnotations.parameterAnnotations(parameter).get(0);
    TypeMirror type = parameter.asType();
    String parameterName = parameter.getSimpleName().toString();
    Arity arity = ParameterTypes.arity(type);
    Source source = sourceOf(SluiceAnnotations.simpleName(annotation));
    if (source == Source.LAST_EVENT_ID) {
      return new ParamBinding(source, "", parameterName, TypeName.get(type), arity, null, null);
    }
    if (source == Source.PRINCIPAL) {
      TypeMirror principal =
          arity == Arity.OPTIONAL ? ParameterTypes.optionalValue(type).orElseThrow() : type;
      return new ParamBinding(
          source,
          "",
          parameterName,
          TypeName.get(type),
          arity,
          null,
          TypeName.get(principal).withoutAnnotations());
    }
    return new ParamBinding(
        source,
        SluiceAnnotations.stringValue(annotation),
        parameterName,
        TypeName.get(type),
        arity,
        ParameterTypes.conversion(type).orElseThrow(),
        null);
  }

  private static Source sourceOf(String annotationName) {
    switch (annotationName) {
      case "PathParam":
        return Source.PATH;
      case "QueryParam":
        return Source.QUERY;
      case "HeaderParam":
        return Source.HEADER;
      case "LastEventId":
        return Source.LAST_EVENT_ID;
      case "Authenticated":
        return Source.PRINCIPAL;
      default:
        throw new IllegalArgumentException(annotationName);
    }
  }
}
