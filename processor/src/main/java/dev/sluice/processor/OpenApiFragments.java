package dev.sluice.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.sluice.processor.ParamBinding.Source;
import dev.sluice.processor.openapi.JsonObject;
import dev.sluice.processor.openapi.OpenApiFragment;
import dev.sluice.processor.openapi.StreamEndpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes the OpenAPI document of a class's endpoints to {@code META-INF/sluice/openapi/<binary
 * name>.json}, from which {@code SseServer} serves the merged document of the classes it serves.
 * Reads the model, and the types the model does not keep (schemas are derived from {@code
 * TypeMirror}s) from the endpoint methods.
 */
final class OpenApiFragments {
  static final String DIRECTORY = "META-INF/sluice/openapi/";

  private final ProcessingEnvironment env;

  OpenApiFragments(ProcessingEnvironment env) {
    this.env = env;
  }

  /** The resource name of a class's document: {@code Outer$Inner} for a nested class. */
  static String resourceName(Elements elements, TypeElement type) {
    return DIRECTORY + elements.getBinaryName(type) + ".json";
  }

  void write(RoutesModel model) throws IOException {
    List<StreamEndpoint> endpoints = new ArrayList<>();
    for (EndpointModel endpoint : model.endpoints()) {
      endpoints.add(describe(model, endpoint));
    }
    JsonObject document =
        OpenApiFragment.build(TypeText.of(model.origin()), endpoints, env.getTypeUtils());
    FileObject file =
        env.getFiler()
            .createResource(
                StandardLocation.CLASS_OUTPUT,
                "",
                resourceName(env.getElementUtils(), model.origin()),
                model.origin());
    try (OutputStream out = file.openOutputStream()) {
      out.write(document.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  private StreamEndpoint describe(RoutesModel model, EndpointModel endpoint) {
    ExecutableElement method = endpoint.origin();
    List<StreamEndpoint.Parameter> parameters = new ArrayList<>();
    boolean lastEventId = false;
    boolean principalRequired = false;
    for (int i = 0; i < endpoint.params().size(); i++) {
      ParamBinding binding = endpoint.params().get(i);
      if (binding.source() == Source.LAST_EVENT_ID) {
        lastEventId = true;
        continue;
      }
      if (binding.source() == Source.PRINCIPAL) {
        // The authenticator's, not a parameter the client sends; required, it makes a 401.
        principalRequired = binding.arity() == ParamBinding.Arity.REQUIRED;
        continue;
      }
      VariableElement parameter = method.getParameters().get(i);
      parameters.add(
          new StreamEndpoint.Parameter(
              location(binding.source()),
              binding.name(),
              binding.source() == Source.PATH || binding.arity() == ParamBinding.Arity.REQUIRED,
              binding.arity().isMultiValued(),
              valueType(parameter.asType())));
    }
    TypeMirror payload =
        endpoint.encoding().needsPayloadType()
            ? ReturnTypes.classify(method, env.getTypeUtils()).payloadType()
            : null;
    List<StreamEndpoint.Branch> branches = new ArrayList<>();
    boolean named = endpoint.naming().subtypes().stream().anyMatch(s -> s.name() != null);
    if (named) {
      for (EventNaming.Subtype subtype : endpoint.naming().subtypes()) {
        branches.add(new StreamEndpoint.Branch(subtype.name(), typeOf(subtype.type())));
      }
    }
    return new StreamEndpoint(
        endpoint.path(),
        endpoint.displayName(),
        TypeText.of(model.origin()),
        env.getElementUtils().getDocComment(method),
        parameters,
        lastEventId,
        principalRequired,
        endpoint.encoding() == Encoding.TEXT_EVENTS || endpoint.encoding() == Encoding.JSON_EVENTS,
        payload,
        endpoint.naming().name(),
        branches);
  }

  private static StreamEndpoint.Location location(Source source) {
    switch (source) {
      case PATH:
        return StreamEndpoint.Location.PATH;
      case QUERY:
        return StreamEndpoint.Location.QUERY;
      default:
        return StreamEndpoint.Location.HEADER;
    }
  }

  /** X for {@code Optional<X>}, {@code List<X>} and {@code Set<X>}; the type otherwise. */
  private static TypeMirror valueType(TypeMirror type) {
    if (ParameterTypes.isOptional(type) || ParameterTypes.isMultiValued(type)) {
      Optional<TypeMirror> value = ParameterTypes.optionalValue(type);
      if (value.isPresent()) {
        return value.get();
      }
    }
    return type;
  }

  /** A subtype as the route names it ({@code Box<?>} for a generic one), erased. */
  private TypeMirror typeOf(TypeName type) {
    ClassName raw =
        type instanceof ParameterizedTypeName parameterized
            ? parameterized.rawType()
            : (ClassName) type;
    TypeElement element = env.getElementUtils().getTypeElement(raw.canonicalName());
    return env.getTypeUtils().erasure(element.asType());
  }
}
