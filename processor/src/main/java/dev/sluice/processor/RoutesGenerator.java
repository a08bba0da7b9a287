package dev.sluice.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import dev.sluice.processor.EndpointModel.Throwing;
import dev.sluice.processor.ParamBinding.Arity;
import dev.sluice.processor.ParamBinding.Conversion;
import dev.sluice.processor.ParamBinding.Source;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Modifier;

/**
 * The generation phase: writes one {@code Foo_SseRoutes} class per {@link RoutesModel}, shaped like
 * code written by hand: one field per route for its encoder, resolved once in the constructor, and
 * one small method per route that converts the parameters and calls the user's method directly.
 * Nothing in it depends on the time or the machine, so builds are reproducible.
 */
final class RoutesGenerator {
  private static final String SPI = "dev.sluice.spi";
  private static final ClassName SSE_ROUTE = ClassName.get(SPI, "SseRoute");
  private static final ClassName SSE_ROUTE_PROVIDER = ClassName.get(SPI, "SseRouteProvider");
  private static final ClassName SSE_REQUEST = ClassName.get(SPI, "SseRequest");
  private static final ClassName SSE_RESPONSE = ClassName.get(SPI, "SseResponse");
  private static final ClassName SSE_ENCODERS = ClassName.get(SPI, "SseEncoders");
  private static final ClassName PARAMS = ClassName.get(SPI, "Params");
  private static final ClassName EVENT_NAMES = ClassName.get(SPI, "EventNames");
  private static final ClassName REACTIVE_STREAMS = ClassName.get(SPI, "ReactiveStreams");
  private static final ClassName SSE_ENCODER = ClassName.get("dev.sluice.encode", "SseEncoder");
  private static final ClassName UTF8_BUFFER = ClassName.get("dev.sluice.encode", "Utf8Buffer");
  private static final ClassName SSE_EVENT = ClassName.get("dev.sluice", "SseEvent");
  private static final ClassName TYPE_REFERENCE =
      ClassName.get("com.fasterxml.jackson.core.type", "TypeReference");
  private static final ClassName GENERATED =
      ClassName.get("javax.annotation.processing", "Generated");
  private static final ClassName LIST = ClassName.get("java.util", "List");
  private static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");

  private static final String ENDPOINT = "endpoint";
  private static final String ENCODERS = "encoders";
  private static final String REQUEST = "request";
  private static final String COVARIANT = "covariant";

  private RoutesGenerator() {}

  /** A route with the names of its generated members. */
  /**
   * A route with the names of its generated members.
   *
   * @param dispatchMethod for a sealed element type, the method that picks each subtype's encoder;
   *     null otherwise
   * @param subtypeFields the encoder field of each of {@code endpoint.naming().subtypes()}
   * @param otherField for {@code SseEvent}s of a sealed type, the encoder of events whose data is
   *     none of the subtypes (no data, or forced JSON); null otherwise
   */
  private record Route(
      EndpointModel endpoint,
      String methodName,
      String encoderField,
      String dispatchMethod,
      List<String> subtypeFields,
      String otherField) {}

  /**
   * @param generatedAnnotation whether the class can carry {@code @Generated}: a named module that
   *     does not read {@code java.compiler} cannot name it
   */
  static JavaFile generate(RoutesModel model, boolean generatedAnnotation) {
    List<Route> routes = name(model.endpoints());
    TypeSpec.Builder routesClass =
        TypeSpec.classBuilder(model.routesType())
            .addOriginatingElement(model.origin())
            .addJavadoc(
                "Serves the {@code @SseEndpoint} methods of {@link $T}.\n", model.endpointType())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .alwaysQualify(model.shadowedJavaLang().toArray(new String[0]))
            .addField(model.endpointType(), ENDPOINT, Modifier.PRIVATE, Modifier.FINAL);
    if (generatedAnnotation) {
      routesClass.addAnnotation(
          AnnotationSpec.builder(GENERATED)
              .addMember("value", "$S", SseEndpointProcessor.class.getCanonicalName())
              .build());
    }
    if (model.deprecated()) {
      // The user's code chose the deprecated class or method; its warning is theirs to see.
      routesClass.addAnnotation(
          AnnotationSpec.builder(SuppressWarnings.class)
              .addMember("value", "{$S, $S}", "deprecation", "removal")
              .build());
    }
    Set<String> fields = new HashSet<>(List.of(ENDPOINT));
    for (Route route : routes) {
      addEncoderField(routesClass, route.endpoint().elementType(), route.encoderField());
      fields.add(route.encoderField());
      List<EventNaming.Subtype> subtypes = route.endpoint().naming().subtypes();
      for (int i = 0; i < subtypes.size(); i++) {
        addEncoderField(
            routesClass, subtypeElement(route, subtypes.get(i)), route.subtypeFields().get(i));
        fields.add(route.subtypeFields().get(i));
      }
      if (route.otherField() != null) {
        addEncoderField(routesClass, route.endpoint().elementType(), route.otherField());
        fields.add(route.otherField());
      }
    }
    routesClass.addMethod(constructor(model, routes)).addMethod(routesMethod(routes));
    for (Route route : routes) {
      routesClass.addMethod(routeMethod(route, fields));
      if (route.dispatchMethod() != null) {
        routesClass.addMethod(dispatchMethod(route));
      }
    }
    if (routes.stream().anyMatch(r -> r.endpoint().covariantEvents())) {
      routesClass.addMethod(covariantMethod());
    }
    routesClass.addType(provider(model));
    return JavaFile.builder(model.routesType().packageName(), routesClass.build())
        .skipJavaLangImports(true)
        .build();
  }

  /**
   * Route methods are named after the user's methods; overloads become {@code events}, {@code
   * events2}, ... in declaration order, so names are stable from build to build.
   */
  private static List<Route> name(List<EndpointModel> endpoints) {
    Set<String> methods = new HashSet<>(List.of("routes", COVARIANT));
    Set<String> fields = new HashSet<>(List.of(ENDPOINT));
    List<Route> routes = new ArrayList<>();
    for (EndpointModel endpoint : endpoints) {
      String method = unique(endpoint.methodName(), methods);
      String encoderField = unique(method + "Encoder", fields);
      if (!endpoint.naming().dispatches()) {
        routes.add(new Route(endpoint, method, encoderField, null, List.of(), null));
        continue;
      }
      String dispatch = unique("encode" + capitalized(method), methods);
      List<String> subtypeFields = new ArrayList<>();
      for (EventNaming.Subtype subtype : endpoint.naming().subtypes()) {
        subtypeFields.add(unique(method + subtype.simpleName() + "Encoder", fields));
      }
      String other =
          endpoint.encoding() == Encoding.JSON_EVENTS
              ? unique(method + "OtherEncoder", fields)
              : null;
      routes.add(new Route(endpoint, method, encoderField, dispatch, subtypeFields, other));
    }
    return routes;
  }

  /** {@code Chat.ChatEvent}, as the user's package reads it. */
  private static String simpleText(TypeName type) {
    TypeName plain = type.withoutAnnotations();
    return plain instanceof ClassName name
        ? String.join(".", name.simpleNames())
        : plain.toString();
  }

  private static String capitalized(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static void addEncoderField(TypeSpec.Builder routesClass, TypeName element, String name) {
    routesClass.addField(
        FieldSpec.builder(
                ParameterizedTypeName.get(SSE_ENCODER, element),
                name,
                Modifier.PRIVATE,
                Modifier.FINAL)
            .build());
  }

  /** What a subtype's encoder writes: the subtype, or an {@code SseEvent} of it. */
  private static TypeName subtypeElement(Route route, EventNaming.Subtype subtype) {
    return route.endpoint().encoding() == Encoding.JSON_EVENTS
        ? ParameterizedTypeName.get(SSE_EVENT, subtype.type())
        : subtype.type();
  }

  private static String unique(String base, Set<String> used) {
    String name = base;
    for (int i = 2; !used.add(name); i++) {
      name = base + i;
    }
    return name;
  }

  private static MethodSpec constructor(RoutesModel model, List<Route> routes) {
    MethodSpec.Builder constructor =
        MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PUBLIC)
            .addParameter(model.endpointType(), ENDPOINT)
            .addParameter(SSE_ENCODERS, ENCODERS)
            .addStatement("this.$N = $N", ENDPOINT, ENDPOINT);
    for (Route route : routes) {
      EndpointModel endpoint = route.endpoint();
      if (route.dispatchMethod() == null) {
        constructor.addStatement(
            "this.$N = $L",
            route.encoderField(),
            encoder(
                endpoint,
                endpoint.payloadType(),
                endpoint.naming().name(),
                endpoint.covariantEvents()));
        continue;
      }
      List<EventNaming.Subtype> subtypes = endpoint.naming().subtypes();
      for (int i = 0; i < subtypes.size(); i++) {
        EventNaming.Subtype subtype = subtypes.get(i);
        constructor.addStatement(
            "this.$N = $L",
            route.subtypeFields().get(i),
            encoder(endpoint, subtype.type(), subtype.name(), false));
      }
      if (route.otherField() != null) {
        constructor.addStatement(
            "this.$N = $L",
            route.otherField(),
            encoder(endpoint, endpoint.payloadType(), null, endpoint.covariantEvents()));
      }
      constructor.addStatement("this.$N = this::$N", route.encoderField(), route.dispatchMethod());
    }
    return constructor.build();
  }

  /**
   * The encoder of the endpoint's encoding for {@code payload}, sending its events with {@code
   * event: name} unless the name is null.
   */
  private static CodeBlock encoder(
      EndpointModel endpoint, TypeName payload, String name, boolean covariant) {
    Encoding encoding = endpoint.encoding();
    CodeBlock encoder =
        encoding.needsPayloadType()
            ? CodeBlock.of("$N.$N($L)", ENCODERS, encoding.encodersMethod(), typeToken(payload))
            : CodeBlock.of("$N.$N()", ENCODERS, encoding.encodersMethod());
    if (name != null) {
      encoder =
          CodeBlock.of(
              "$T.$N($S,$W$L)",
              EVENT_NAMES,
              encoding == Encoding.JSON_EVENTS ? "namedEvents" : "named",
              name,
              encoder);
    }
    return covariant ? CodeBlock.of("$N($L)", COVARIANT, encoder) : encoder;
  }

  /**
   * Picks the encoder of each element's subtype with {@code instanceof}: its name, and a JSON
   * writer for the subtype itself (one for the sealed type would write only what it declares).
   */
  private static MethodSpec dispatchMethod(Route route) {
    EndpointModel endpoint = route.endpoint();
    boolean events = endpoint.encoding() == Encoding.JSON_EVENTS;
    String element = events ? "event" : "element";
    CodeBlock tested = events ? CodeBlock.of("$N.data()", element) : CodeBlock.of("$N", element);
    MethodSpec.Builder method =
        MethodSpec.methodBuilder(route.dispatchMethod())
            .addJavadoc(
                "Writes each element with the encoder of its subtype of {@link $T}.\n",
                endpoint.payloadType().withoutAnnotations())
            .addModifiers(Modifier.PRIVATE)
            .addParameter(endpoint.elementType(), element)
            .addParameter(UTF8_BUFFER, "out");
    List<EventNaming.Subtype> subtypes = endpoint.naming().subtypes();
    for (int i = 0; i < subtypes.size(); i++) {
      EventNaming.Subtype subtype = subtypes.get(i);
      CodeBlock condition = CodeBlock.of("$L instanceof $T", tested, subtype.type());
      if (i == 0) {
        method.beginControlFlow("if ($L)", condition);
      } else {
        method.nextControlFlow("else if ($L)", condition);
      }
      if (events) {
        method.addStatement(
            "$N.encode($T.narrow($N), out)", route.subtypeFields().get(i), EVENT_NAMES, element);
      } else if (subtype.type().equals(endpoint.payloadType().withoutAnnotations())) {
        // A sealed class's own instances: the element is of the type already, and a cast to it
        // would be a warning (-Xlint:cast) in the user's build.
        method.addStatement("$N.encode($N, out)", route.subtypeFields().get(i), element);
      } else {
        method.addStatement(
            "$N.encode(($T) $N, out)", route.subtypeFields().get(i), subtype.type(), element);
      }
    }
    method.nextControlFlow("else");
    if (events) {
      method
          .addComment("No data, or data forced to JSON (.json(..)) that is none of the subtypes.")
          .addStatement("$N.encode($N, out)", route.otherField(), element);
    } else {
      method.addStatement(
          "throw new $T($S + $N)",
          IllegalArgumentException.class,
          "Not one of the subtypes of "
              + simpleText(endpoint.payloadType())
              + " this route was compiled with: ",
          element);
    }
    return method.endControlFlow().build();
  }

  /** A class literal where one exists; generic types need Jackson's super type token. */
  private static CodeBlock typeToken(TypeName type) {
    TypeName plain = type.withoutAnnotations();
    if (hasClassLiteral(plain)) {
      return CodeBlock.of("$T.class", plain);
    }
    return CodeBlock.of("new $T() {}", ParameterizedTypeName.get(TYPE_REFERENCE, type));
  }

  private static boolean hasClassLiteral(TypeName type) {
    if (type instanceof ArrayTypeName array) {
      return hasClassLiteral(array.componentType().withoutAnnotations());
    }
    return type instanceof ClassName || type.isPrimitive();
  }

  private static MethodSpec routesMethod(List<Route> routes) {
    CodeBlock.Builder list = CodeBlock.builder().add("return $T.of($>$>", LIST);
    for (int i = 0; i < routes.size(); i++) {
      EndpointModel endpoint = routes.get(i).endpoint();
      list.add(
          "\n$T.$N($S, $S, this::$N)",
          SSE_ROUTE,
          endpoint.kind().factoryMethod(),
          endpoint.path(),
          endpoint.displayName(),
          routes.get(i).methodName());
      list.add(withers(endpoint));
      list.add(i < routes.size() - 1 ? "," : "");
    }
    list.add(");\n$<$<");
    return MethodSpec.methodBuilder("routes")
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(LIST, SSE_ROUTE))
        .addCode(list.build())
        .build();
  }

  /**
   * The endpoint's own settings, each on a line of its own; nothing for the defaults, so that
   * routes without them read as before.
   */
  private static CodeBlock withers(EndpointModel endpoint) {
    CodeBlock.Builder withers = CodeBlock.builder().indent().indent();
    if (endpoint.heartbeat() != null) {
      withers.add("\n.withHeartbeat($L)", duration(endpoint.heartbeat()));
    }
    if (endpoint.maxStreams() != 0) {
      withers.add("\n.withMaxStreams($L)", endpoint.maxStreams());
    }
    for (ParamBinding param : endpoint.params()) {
      if (param.source() == Source.PRINCIPAL) {
        withers.add(
            "\n.withPrincipal($T.class, $L)",
            param.principalType(),
            param.arity() == Arity.REQUIRED);
      }
    }
    return withers.unindent().unindent().build();
  }

  /**
   * The duration exactly, in the largest unit that needs no fraction: {@code Duration.ZERO}, {@code
   * ofSeconds(5)}, {@code ofMillis(250)}, {@code ofNanos(1500)}, or seconds and nanos where a count
   * of smaller units would overflow a long.
   */
  static CodeBlock duration(Duration duration) {
    if (duration.isZero()) {
      return CodeBlock.of("$T.ZERO", Duration.class);
    }
    long seconds = duration.getSeconds();
    int nanos = duration.getNano();
    if (nanos == 0) {
      return CodeBlock.of("$T.ofSeconds($L)", Duration.class, literal(seconds));
    }
    if (nanos % 1_000_000 == 0 && seconds < Long.MAX_VALUE / 1_000) {
      return CodeBlock.of("$T.ofMillis($L)", Duration.class, literal(duration.toMillis()));
    }
    if (seconds < Long.MAX_VALUE / 1_000_000_000) {
      return CodeBlock.of("$T.ofNanos($L)", Duration.class, literal(duration.toNanos()));
    }
    return CodeBlock.of("$T.ofSeconds($L, $L)", Duration.class, literal(seconds), nanos);
  }

  /** A long literal needs its suffix only past the range of int. */
  private static String literal(long value) {
    return value == (int) value ? Long.toString(value) : value + "L";
  }

  private static MethodSpec routeMethod(Route route, Set<String> fields) {
    EndpointModel endpoint = route.endpoint();
    NameAllocator names = new NameAllocator();
    // Reserved first, so that a user's parameter named like a field or a type the method uses
    // gets another local name instead of shadowing it: a local named Params would turn
    // Params.required(..) into a call on the local.
    for (String reserved : reservedNames(endpoint, fields)) {
      names.newName(reserved);
    }
    MethodSpec.Builder method =
        MethodSpec.methodBuilder(route.methodName())
            .addModifiers(Modifier.PRIVATE)
            .returns(SSE_RESPONSE)
            .addParameter(SSE_REQUEST, REQUEST);
    if (endpoint.throwing() != Throwing.NOTHING) {
      method.addException(Exception.class);
    }
    List<CodeBlock> arguments = new ArrayList<>();
    for (ParamBinding param : endpoint.params()) {
      String local = names.newName(param.parameterName());
      method.addStatement("$T $N = $L", param.type(), local, read(param));
      arguments.add(CodeBlock.of("$N", local));
    }
    CodeBlock result =
        CodeBlock.of("$N.$N($L)", ENDPOINT, endpoint.methodName(), CodeBlock.join(arguments, ", "));
    if (endpoint.kind() == ReturnKind.REACTIVE_STREAMS_PUBLISHER) {
      // The only reference to the adapter, and so to the reactive-streams jar: servers whose
      // routes return none of these never load either.
      result = CodeBlock.of("$T.toFlow($L)", REACTIVE_STREAMS, result);
    }
    CodeBlock call =
        CodeBlock.of(
            "return $T.$N($L,$W$N)",
            SSE_RESPONSE,
            endpoint.kind().factoryMethod(),
            result,
            route.encoderField());
    if (endpoint.throwing() != Throwing.THROWABLES) {
      return method.addStatement(call).build();
    }
    String e = names.newName("e");
    return method
        .beginControlFlow("try")
        .addStatement(call)
        .nextControlFlow("catch ($T | $T $N)", Exception.class, Error.class, e)
        .addStatement("throw $N", e)
        .nextControlFlow("catch ($T $N)", Throwable.class, e)
        .addComment("Neither an Exception nor an Error: a route cannot rethrow it as it is.")
        .addStatement("throw new $T($N)", UndeclaredThrowableException.class, e)
        .endControlFlow()
        .build();
  }

  /**
   * The names a route method refers to besides its locals: the request, the fields, and the first
   * identifier of every type name it writes (a package's first segment, where a name is written in
   * full), sorted so that locals are named the same in every build.
   */
  private static Set<String> reservedNames(EndpointModel endpoint, Set<String> fields) {
    Set<String> reserved = new TreeSet<>(fields);
    reserved.add(REQUEST);
    List<TypeName> used =
        new ArrayList<>(
            List.of(
                SSE_RESPONSE,
                PARAMS,
                OPTIONAL,
                REACTIVE_STREAMS,
                ClassName.get(Exception.class),
                ClassName.get(Error.class),
                ClassName.get(Throwable.class),
                ClassName.get(UndeclaredThrowableException.class)));
    for (ParamBinding param : endpoint.params()) {
      used.add(param.type());
      if (param.conversion() != null && param.conversion().isEnum()) {
        used.add(param.conversion().enumType());
      }
    }
    used.forEach(type -> firstIdentifiers(type, reserved));
    return reserved;
  }

  private static void firstIdentifiers(TypeName type, Set<String> into) {
    if (type instanceof ClassName name) {
      into.add(name.topLevelClassName().simpleName());
      if (!name.packageName().isEmpty()) {
        into.add(name.packageName().split("\\.", -1)[0]);
      }
    } else if (type instanceof ParameterizedTypeName parameterized) {
      firstIdentifiers(parameterized.rawType(), into);
      parameterized.typeArguments().forEach(argument -> firstIdentifiers(argument, into));
    } else if (type instanceof ArrayTypeName array) {
      firstIdentifiers(array.componentType(), into);
    } else if (type instanceof WildcardTypeName wildcard) {
      wildcard.upperBounds().forEach(bound -> firstIdentifiers(bound, into));
      wildcard.lowerBounds().forEach(bound -> firstIdentifiers(bound, into));
    }
  }

  private static CodeBlock read(ParamBinding param) {
    if (param.source() == Source.PRINCIPAL) {
      // The server ran the authenticator for this type (or a subtype) and checked what it made;
      // a required principal is never null here, since an anonymous request got 401.
      CodeBlock principal =
          param.principalType().equals(ClassName.OBJECT)
              ? CodeBlock.of("$N.$N()", REQUEST, "principal") // a cast would be redundant
              : CodeBlock.of("($T) $N.$N()", param.principalType(), REQUEST, "principal");
      return param.arity() == Arity.OPTIONAL
          ? CodeBlock.of("$T.ofNullable($L)", OPTIONAL, principal)
          : principal;
    }
    if (param.source() == Source.LAST_EVENT_ID) {
      CodeBlock raw = CodeBlock.of("$N.$N()", REQUEST, param.source().requestMethod());
      return param.arity() == Arity.OPTIONAL
          ? CodeBlock.of("$T.ofNullable($L)", OPTIONAL, raw)
          : raw;
    }
    return CodeBlock.of(
        "$T.$N($N.$N($S),$W$S,$W$L)",
        PARAMS,
        param.arity().paramsMethod(),
        REQUEST,
        param.arity().isMultiValued()
            ? param.source().multiRequestMethod()
            : param.source().requestMethod(),
        param.name(),
        param.description(),
        converter(param.conversion()));
  }

  private static CodeBlock converter(Conversion conversion) {
    if (conversion.isEnum()) {
      return CodeBlock.of(
          "$T.<$T>enumOf($S, $T::valueOf)",
          PARAMS,
          conversion.enumType(),
          conversion.enumConstants(),
          conversion.enumType());
    }
    return CodeBlock.of("$T.$N", PARAMS, conversion.paramsConstant());
  }

  /** Only for {@code SseEvent<? extends Y>} elements, which no encoder is declared for. */
  private static MethodSpec covariantMethod() {
    TypeVariableName t = TypeVariableName.get("T");
    TypeName events = ParameterizedTypeName.get(SSE_EVENT, WildcardTypeName.subtypeOf(t));
    TypeName encoder = ParameterizedTypeName.get(SSE_ENCODER, events);
    return MethodSpec.methodBuilder(COVARIANT)
        .addJavadoc(
            "{@code SseEvent} is read-only, so an encoder of {@code SseEvent<T>} can write any\n"
                + "{@code SseEvent<? extends T>}; Java's generics cannot express that.\n")
        .addAnnotation(
            AnnotationSpec.builder(SuppressWarnings.class)
                .addMember("value", "$S", "unchecked")
                .build())
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addTypeVariable(t)
        .returns(encoder)
        .addParameter(
            ParameterizedTypeName.get(SSE_ENCODER, ParameterizedTypeName.get(SSE_EVENT, t)),
            "encoder")
        .addStatement(
            "return ($T) ($T) encoder",
            encoder,
            ParameterizedTypeName.get(SSE_ENCODER, WildcardTypeName.subtypeOf(Object.class)))
        .build();
  }

  private static TypeSpec provider(RoutesModel model) {
    return TypeSpec.classBuilder("Provider")
        .addJavadoc("Lets {@code SseServer} find these routes through {@code ServiceLoader}.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(SSE_ROUTE_PROVIDER)
        .addMethod(
            MethodSpec.methodBuilder("endpointType")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(
                    ParameterizedTypeName.get(
                        ClassName.get(Class.class), WildcardTypeName.subtypeOf(Object.class)))
                .addStatement("return $T.class", model.endpointType())
                .build())
        .addMethod(
            MethodSpec.methodBuilder("routes")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(LIST, SSE_ROUTE))
                .addParameter(Object.class, ENDPOINT)
                .addParameter(SSE_ENCODERS, ENCODERS)
                .addStatement(
                    "return new $T(($T) $N, $N).routes()",
                    model.routesType(),
                    model.endpointType(),
                    ENDPOINT,
                    ENCODERS)
                .build())
        .build();
  }
}
