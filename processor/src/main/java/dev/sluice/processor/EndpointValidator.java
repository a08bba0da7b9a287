package dev.sluice.processor;

import dev.sluice.wire.PathTemplate;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The validation phase: checks a class's {@code @SseEndpoint} methods against every rule that
 * {@code @SseEndpoint} documents, reporting each problem on the narrowest element and carrying on,
 * so that one build shows every mistake.
 */
final class EndpointValidator {
  private final ErrorReporter reporter;
  private final Elements elements;
  private final Types types;

  /**
   * Normalized path to the endpoint that claimed it first, across the whole compilation: two routes
   * matching the same requests cannot both be served.
   */
  private final Map<String, String> routeOwners = new HashMap<>();

  /** The classes whose {@code @SseEventName} this compilation checked, by qualified name. */
  private final Set<String> checkedEventNames = new HashSet<>();

  EndpointValidator(ErrorReporter reporter, Elements elements, Types types) {
    this.reporter = reporter;
    this.elements = elements;
    this.types = types;
  }

  /** Checks an {@code @SseEventName} where it is written, whether or not an endpoint uses it. */
  void validateEventName(TypeElement type) {
    checkedEventNames.add(type.getQualifiedName().toString());
    AnnotationMirror annotation = EventTypes.annotation(type).orElseThrow();
    String problem = EventTypes.problem(SluiceAnnotations.stringValue(annotation), type);
    if (problem != null) {
      reporter.error(problem, type, annotation, SluiceAnnotations.value(annotation));
    }
  }

  /** Returns whether the class and all of its endpoints are valid. */
  boolean validate(TypeElement type, List<ExecutableElement> endpoints) {
    int errorsBefore = reporter.errorCount();
    validateClass(type);
    List<TypeElement> supertypes = Hierarchy.supertypes(type, types);
    claimInheritedPaths(supertypes);
    for (ExecutableElement method : endpoints) {
      validateMethod(type, method);
      validateNotAnOverride(type, method, supertypes);
    }
    return reporter.errorCount() == errorsBefore;
  }

  /**
   * The paths of the endpoints this class inherits, which the server serves next to its own (their
   * classes may come from a library, so this compilation may not validate them itself).
   */
  private void claimInheritedPaths(List<TypeElement> supertypes) {
    for (TypeElement supertype : supertypes) {
      for (ExecutableElement method : Hierarchy.declaredEndpoints(supertype)) {
        PathTemplate path =
            PathTemplate.parse(
                SluiceAnnotations.stringValue(SluiceAnnotations.endpoint(method).orElseThrow()));
        if (path.isValid()) {
          routeOwners.putIfAbsent(path.shape(), ownerOf(supertype, method));
        }
      }
    }
  }

  /** An override of an inherited endpoint is served by the inherited route already. */
  private void validateNotAnOverride(
      TypeElement type, ExecutableElement method, List<TypeElement> supertypes) {
    for (TypeElement supertype : supertypes) {
      for (ExecutableElement inherited : Hierarchy.declaredEndpoints(supertype)) {
        if (elements.overrides(method, inherited, type)) {
          AnnotationMirror endpoint = SluiceAnnotations.endpoint(method).orElseThrow();
          reporter.error(
              Messages.OVERRIDDEN_ENDPOINT.format(TypeText.of(method), TypeText.of(supertype)),
              method,
              endpoint,
              SluiceAnnotations.value(endpoint));
          return;
        }
      }
    }
  }

  private static String ownerOf(TypeElement type, ExecutableElement method) {
    return TypeText.of(type) + "." + method.getSimpleName();
  }

  private void validateClass(TypeElement type) {
    if (type.getNestingKind() == NestingKind.MEMBER
        && !type.getModifiers().contains(Modifier.STATIC)) {
      reporter.error(Messages.INNER_CLASS.format(TypeText.of(type)), type);
    }
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      TypeElement enclosing = (TypeElement) e;
      NestingKind nesting = enclosing.getNestingKind();
      if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS) {
        // Javac does not show processors the members of local and anonymous classes, so this is
        // a safety net for other compilers rather than a path users normally reach.
        reporter.error(Messages.LOCAL_CLASS.format(enclosing.getSimpleName()), enclosing);
        return;
      }
      checkPublicAndConcrete(enclosing);
    }
  }

  private void checkPublicAndConcrete(TypeElement type) {
    if (!type.getModifiers().contains(Modifier.PUBLIC)) {
      reporter.error(
          Messages.CLASS_NOT_PUBLIC.format(TypeText.of(type), TypeText.access(type.getModifiers())),
          type);
    }
    if (!type.getTypeParameters().isEmpty()) {
      reporter.error(
          Messages.GENERIC_CLASS.format(TypeText.of(type), names(type.getTypeParameters())), type);
    }
  }

  private void validateMethod(TypeElement type, ExecutableElement method) {
    String methodText = TypeText.of(method);
    if (!method.getModifiers().contains(Modifier.PUBLIC)) {
      reporter.error(
          Messages.METHOD_NOT_PUBLIC.format(methodText, TypeText.access(method.getModifiers())),
          method);
    }
    if (method.getModifiers().contains(Modifier.STATIC)) {
      reporter.error(Messages.STATIC_METHOD.format(methodText), method);
    }
    if (!method.getTypeParameters().isEmpty()) {
      reporter.error(
          Messages.GENERIC_METHOD.format(methodText, names(method.getTypeParameters())), method);
    }
    ReturnTypes.Result result = ReturnTypes.classify(method, types);
    if (result.problem() != null) {
      reporter.error(result.problem(), method);
    } else if (checkAccessible(method.getReturnType(), methodText, type, method)
        // The element type need not appear in the return type (a class Ticks extends
        // SubmissionPublisher<Tick>), and the routes name it in their encoder's type.
        && checkAccessible(result.elementType(), methodText, type, method)
        && result.encoding().needsPayloadType()) {
      EventTypes.analyze(
              result.payloadType(), TypeText.packageOf(type), methodText, checkedEventNames)
          .problems()
          .forEach(problem -> reporter.error(problem, method));
    }

    AnnotationMirror endpoint = SluiceAnnotations.endpoint(method).orElseThrow();
    AnnotationValue pathValue = SluiceAnnotations.value(endpoint);
    PathTemplate path = PathTemplate.parse(SluiceAnnotations.stringValue(endpoint));
    for (PathTemplate.Problem problem : path.problems()) {
      reporter.error(
          Messages.of(problem.rule()).format(problem.arguments().toArray()),
          method,
          endpoint,
          pathValue);
    }
    boolean parametersValid = validateOnePrincipal(method);
    for (VariableElement parameter : method.getParameters()) {
      parametersValid &=
          validateParameter(parameter)
              && checkAccessible(
                  parameter.asType(),
                  "parameter '" + parameter.getSimpleName() + "'",
                  type,
                  parameter);
    }
    // Bindings are checked against a path that parsed and parameters that are each well formed,
    // so that one mistake is not reported again as a missing or unknown variable.
    if (path.isValid()) {
      if (parametersValid) {
        validatePathBindings(method, path, endpoint, pathValue);
      }
      String owner = ownerOf(type, method);
      String firstOwner = routeOwners.putIfAbsent(path.shape(), owner);
      if (firstOwner != null && !firstOwner.equals(owner)) {
        reporter.error(
            Messages.DUPLICATE_PATH.format(path.template(), owner, firstOwner),
            method,
            endpoint,
            pathValue);
      }
    }
    validateLimits(method, endpoint);
  }

  /**
   * Whether the generated routes, in the endpoint's package, can name {@code used} and every type
   * inside it; reports on {@code at} where they cannot.
   */
  private boolean checkAccessible(
      TypeMirror used, String subject, TypeElement endpointType, Element at) {
    PackageElement from = TypeText.packageOf(endpointType);
    Optional<TypeElement> blocked = TypeScans.inaccessible(used, from);
    if (blocked.isEmpty()) {
      return true;
    }
    reporter.error(inaccessible(from, subject, TypeText.of(used), blocked.get()), at);
    return false;
  }

  /** The message for a type the generated code in {@code from} cannot name. */
  static String inaccessible(
      PackageElement from, String subject, String usedText, TypeElement blocked) {
    PackageElement home = TypeText.packageOf(blocked);
    String homeText = home.isUnnamed() ? "the unnamed package" : home.getQualifiedName().toString();
    boolean samePackage = home.equals(from);
    String access =
        blocked.getModifiers().contains(Modifier.PRIVATE)
            ? "private"
            : TypeText.access(blocked.getModifiers()) + " in " + homeText;
    return Messages.INACCESSIBLE_TYPE.format(
        from.isUnnamed() ? "(unnamed)" : from.getQualifiedName(),
        subject,
        usedText,
        TypeText.of(blocked),
        access,
        samePackage ? "package-private or public" : "public");
  }

  /**
   * The heartbeat and stream limit, where the source sets them; a value of the wrong type is left
   * to javac, which reports it already.
   */
  private void validateLimits(ExecutableElement method, AnnotationMirror endpoint) {
    SluiceAnnotations.explicit(endpoint, SluiceAnnotations.HEARTBEAT)
        .ifPresent(
            value -> {
              if (value.getValue() instanceof String text && !text.isEmpty()) {
                validateHeartbeat(text, method, endpoint, value);
              }
            });
    SluiceAnnotations.explicit(endpoint, SluiceAnnotations.MAX_STREAMS)
        .ifPresent(
            value -> {
              if (value.getValue() instanceof Integer limit && limit < 0) {
                reporter.error(Messages.MAX_STREAMS.format(limit), method, endpoint, value);
              }
            });
  }

  private void validateHeartbeat(
      String text, ExecutableElement method, AnnotationMirror endpoint, AnnotationValue value) {
    Duration heartbeat;
    try {
      heartbeat = Duration.parse(text);
    } catch (DateTimeParseException e) {
      reporter.error(Messages.HEARTBEAT.format(text), method, endpoint, value);
      return;
    }
    if (heartbeat.isNegative()) {
      reporter.error(Messages.NEGATIVE_HEARTBEAT.format(text), method, endpoint, value);
    }
  }

  /** Returns whether the parameter is well formed on its own. */
  private boolean validateParameter(VariableElement parameter) {
    String name = parameter.getSimpleName().toString();
    List<AnnotationMirror> annotations = SluiceAnnotations.parameterAnnotations(parameter);
    if (annotations.isEmpty()) {
      reporter.error(Messages.UNANNOTATED_PARAMETER.format(name), parameter);
      return false;
    }
    Optional<AnnotationMirror> authenticated =
        SluiceAnnotations.find(parameter, SluiceAnnotations.AUTHENTICATED);
    if (authenticated.isPresent() && annotations.size() > 1) {
      String others =
          annotations.stream()
              .filter(a -> a != authenticated.get())
              .map(a -> "@" + SluiceAnnotations.simpleName(a))
              .collect(Collectors.joining(" and "));
      reporter.error(Messages.AUTHENTICATED_COMBINED.format(name, others, others), parameter);
      return false;
    }
    if (annotations.size() > 1) {
      String found =
          annotations.stream()
              .map(a -> "@" + SluiceAnnotations.simpleName(a))
              .collect(Collectors.joining(" and "));
      reporter.error(Messages.CONFLICTING_ANNOTATIONS.format(name, found), parameter);
      return false;
    }
    AnnotationMirror annotation = annotations.get(0);
    String annotationName = SluiceAnnotations.simpleName(annotation);
    TypeMirror type = parameter.asType();
    if (annotationName.equals("Authenticated")) {
      if (!isPrincipalType(type)) {
        reporter.error(
            Messages.AUTHENTICATED_TYPE.format(name, TypeText.of(type)), parameter, annotation);
        return false;
      }
      return true;
    }
    if (annotationName.equals("LastEventId")) {
      if (!isStringOrOptionalString(type)) {
        reporter.error(Messages.LAST_EVENT_ID_TYPE.format(name, TypeText.of(type)), parameter);
        return false;
      }
      return true;
    }
    boolean valid = true;
    if (SluiceAnnotations.stringValue(annotation).isBlank()) {
      reporter.error(
          Messages.BLANK_NAME.format(annotationName, name),
          parameter,
          annotation,
          SluiceAnnotations.value(annotation));
      valid = false;
    }
    if (ParameterTypes.conversion(type).isEmpty()) {
      reporter.error(
          Messages.PARAMETER_TYPE.format(annotationName, name, TypeText.of(type)), parameter);
      valid = false;
    } else if (annotationName.equals("PathParam") && ParameterTypes.isOptional(type)) {
      TypeMirror value = ParameterTypes.optionalValue(type).orElseThrow();
      reporter.error(
          Messages.OPTIONAL_PATH_PARAM.format(name, TypeText.of(type), TypeText.of(value)),
          parameter);
      valid = false;
    } else if (annotationName.equals("PathParam") && ParameterTypes.isMultiValued(type)) {
      TypeMirror value = ParameterTypes.optionalValue(type).orElseThrow();
      reporter.error(
          Messages.MULTI_VALUED_PATH_PARAM.format(name, TypeText.of(type), TypeText.of(value)),
          parameter);
      valid = false;
    }
    return valid;
  }

  private void validatePathBindings(
      ExecutableElement method,
      PathTemplate path,
      AnnotationMirror endpoint,
      AnnotationValue pathValue) {
    Map<String, VariableElement> bound = new HashMap<>();
    for (VariableElement parameter : method.getParameters()) {
      Optional<AnnotationMirror> pathParam =
          SluiceAnnotations.find(parameter, SluiceAnnotations.PATH_PARAM);
      if (pathParam.isEmpty()) {
        continue;
      }
      String variable = SluiceAnnotations.stringValue(pathParam.get());
      String name = parameter.getSimpleName().toString();
      if (!path.variables().contains(variable)) {
        reporter.error(
            Messages.UNKNOWN_PATH_PARAM.format(name, variable, path.template()),
            parameter,
            pathParam.get(),
            SluiceAnnotations.value(pathParam.get()));
        continue;
      }
      VariableElement first = bound.putIfAbsent(variable, parameter);
      if (first != null) {
        reporter.error(
            Messages.DUPLICATE_PATH_PARAM.format(first.getSimpleName(), name, variable),
            parameter,
            pathParam.get(),
            SluiceAnnotations.value(pathParam.get()));
      }
    }
    for (String variable : path.variables()) {
      if (!bound.containsKey(variable)) {
        reporter.error(
            Messages.UNBOUND_VARIABLE.format(TypeText.of(method), variable),
            method,
            endpoint,
            pathValue);
      }
    }
  }

  /** Returns whether the method has at most one {@code @Authenticated} parameter. */
  private boolean validateOnePrincipal(ExecutableElement method) {
    VariableElement first = null;
    boolean valid = true;
    for (VariableElement parameter : method.getParameters()) {
      Optional<AnnotationMirror> authenticated =
          SluiceAnnotations.find(parameter, SluiceAnnotations.AUTHENTICATED);
      if (authenticated.isEmpty()) {
        continue;
      }
      if (first == null) {
        first = parameter;
        continue;
      }
      reporter.error(
          Messages.DUPLICATE_AUTHENTICATED.format(
              TypeText.of(method), first.getSimpleName(), parameter.getSimpleName()),
          parameter,
          authenticated.get());
      valid = false;
    }
    return valid;
  }

  /**
   * A class or interface the runtime can name with a class literal and test with {@code isInstance}
   * (so no type arguments, and no generic class used raw), or {@code Optional} of one.
   */
  private static boolean isPrincipalType(TypeMirror type) {
    if (ParameterTypes.isOptional(type)) {
      return ParameterTypes.optionalValue(type)
          .filter(value -> !ParameterTypes.isOptional(value))
          .filter(EndpointValidator::isPlainClass)
          .isPresent();
    }
    return isPlainClass(type);
  }

  private static boolean isPlainClass(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return false; // a primitive, an array, a type variable, a wildcard
    }
    DeclaredType declared = (DeclaredType) type;
    return declared.getTypeArguments().isEmpty()
        && ((TypeElement) declared.asElement()).getTypeParameters().isEmpty();
  }

  private static boolean isStringOrOptionalString(TypeMirror type) {
    if (ParameterTypes.isOptional(type)) {
      return ParameterTypes.optionalValue(type)
          .filter(value -> ReturnTypes.isClass(value, ParameterTypes.STRING))
          .isPresent();
    }
    return ReturnTypes.isClass(type, ParameterTypes.STRING);
  }

  private static String names(List<? extends TypeParameterElement> typeParameters) {
    return typeParameters.stream()
        .map(t -> t.getSimpleName().toString())
        .collect(Collectors.joining(", "));
  }
}
