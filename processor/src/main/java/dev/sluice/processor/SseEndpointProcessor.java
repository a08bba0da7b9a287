package dev.sluice.processor;

import com.google.auto.service.AutoService;
import dev.sluice.annotation.Authenticated;
import dev.sluice.annotation.HeaderParam;
import dev.sluice.annotation.LastEventId;
import dev.sluice.annotation.PathParam;
import dev.sluice.annotation.QueryParam;
import dev.sluice.annotation.SseEndpoint;
import dev.sluice.annotation.SseEventName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.System.Logger.Level;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Generates the routes of {@link SseEndpoint} methods: for each class that has them, a class {@code
 * Foo_SseRoutes} (named after the binary name, so nested classes give {@code
 * Outer$Inner_SseRoutes}, which no other class can have) in the same package, whose nested {@code
 * Provider} is listed in {@code META-INF/services/dev.sluice.spi.SseRouteProvider} so that {@code
 * SseServer} finds it through {@code ServiceLoader}, without reflection.
 *
 * <p>Every rule {@link SseEndpoint} documents is checked at compile time; each broken rule is an
 * error on the method, parameter or annotation value at fault, with a message from {@link
 * Messages}. A class that uses a type another processor has not generated yet is retried in the
 * next round, and reported only if the type is still missing in the last one.
 *
 * <p>Each such class also gets its OpenAPI 3.2 document, {@code META-INF/sluice/openapi/<binary
 * name>.json}, which {@code SseServer.Builder#openApi} serves.
 *
 * <p>The processor takes no {@code -A} options. What it does (each class generated, each class
 * deferred to a later round, the services file written and the stale entries it dropped) is logged
 * at {@code DEBUG} on the {@code System.Logger} {@code dev.sluice.processor}, for diagnosing a
 * build; errors and warnings are javac diagnostics, never log lines.
 *
 * <p>For Gradle it is aggregating, not isolating: the services file lists every endpoint class.
 *
 * <p>In a named module, where {@code ServiceLoader} reads {@code provides} directives instead of
 * the services file, an endpoint class whose module's {@code module-info.java} does not provide its
 * routes is an error on the module declaration, which gives the line to write ({@link
 * ModuleProvides}). The generated classes carry {@code @Generated} only where their module reads
 * {@code java.compiler}, which declares it: a module need not require it for them.
 */
@AutoService(Processor.class)
public final class SseEndpointProcessor extends AbstractProcessor {
  static final String SERVICES_FILE = "META-INF/services/dev.sluice.spi.SseRouteProvider";
  private static final String GENERATED = "javax.annotation.processing.Generated";
  private static final System.Logger LOG = System.getLogger("dev.sluice.processor");

  private ErrorReporter reporter;
  private EndpointValidator validator;
  private OpenApiFragments openApi;

  /** Classes that use a type not generated yet, by name: elements do not survive rounds. */
  private final Set<String> deferred = new LinkedHashSet<>();

  /** Binary names of the providers generated so far, written in the final round. */
  private final SortedSet<String> providers = new TreeSet<>();

  private final ModuleProvides moduleProvides = new ModuleProvides();

  @Override
  public synchronized void init(ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    reporter = new ErrorReporter(processingEnv.getMessager());
    validator =
        new EndpointValidator(
            reporter, processingEnv.getElementUtils(), processingEnv.getTypeUtils());
    openApi = new OpenApiFragments(processingEnv);
  }

  /**
   * The Sluice annotations, and {@code @Generated}: the generated routes carry it, and left
   * unclaimed it would be a {@code -Xlint:processing} warning in builds with {@code -Werror}.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Stream.concat(
            Stream.of(
                    SseEndpoint.class,
                    PathParam.class,
                    QueryParam.class,
                    HeaderParam.class,
                    LastEventId.class,
                    Authenticated.class,
                    SseEventName.class)
                .map(Class::getCanonicalName),
            Stream.of(GENERATED))
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  /**
   * Claims the Sluice annotations, which mean nothing to any other processor: left unclaimed, they
   * are a {@code -Xlint:processing} warning that breaks builds using {@code -Werror}.
   */
  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      processImpl(round);
    } catch (RuntimeException | Error e) {
      // Javac would print a stack trace and stop; an error diagnostic lets the build report it.
      reporter.error(Messages.INTERNAL_ERROR.format("this round", stackTrace(e)));
    }
    return true;
  }

  private void processImpl(RoundEnvironment round) {
    if (round.processingOver()) {
      reportUnresolved();
      writeServicesFile();
      moduleProvides.check(processingEnv.getElementUtils(), reporter);
      return;
    }
    moduleProvides.rootsOf(round);
    // Sorted by name, so that diagnostics and output do not depend on discovery order.
    Map<String, TypeElement> classes = new TreeMap<>();
    for (String name : deferred) {
      Optional.ofNullable(processingEnv.getElementUtils().getTypeElement(name))
          .ifPresent(type -> classes.put(name, type));
    }
    deferred.clear();
    for (Element method : round.getElementsAnnotatedWith(SseEndpoint.class)) {
      // Javac reports @SseEndpoint on anything but a method itself, and still lists it here.
      if (method.getKind() == ElementKind.METHOD
          && method.getEnclosingElement() instanceof TypeElement type) {
        classes.put(type.getQualifiedName().toString(), type);
      }
    }
    checkParameterAnnotationsPlacement(round);
    for (Element named : round.getElementsAnnotatedWith(SseEventName.class)) {
      if (named instanceof TypeElement type) {
        validator.validateEventName(type);
      }
    }
    for (TypeElement type : classes.values()) {
      try {
        processClass(type);
      } catch (RuntimeException | Error e) {
        reporter.error(
            Messages.INTERNAL_ERROR.format(type.getQualifiedName(), stackTrace(e)), type);
      }
    }
  }

  private void processClass(TypeElement type) {
    List<ExecutableElement> endpoints = endpointsOf(type);
    Optional<Map.Entry<Element, TypeMirror>> missing = firstErrorType(endpoints);
    if (missing.isPresent()) {
      deferred.add(type.getQualifiedName().toString());
      LOG.log(
          Level.DEBUG,
          () ->
              "Deferred "
                  + type.getQualifiedName()
                  + " to the next round: it uses "
                  + missing.get().getValue()
                  + ", not generated yet");
      return;
    }
    if (!validator.validate(type, endpoints)) {
      return;
    }
    RoutesModel model = new EndpointReader(processingEnv).read(type, endpoints);
    try {
      RoutesGenerator.generate(model, generatedAnnotationVisible(type))
          .writeTo(processingEnv.getFiler());
      openApi.write(model);
    } catch (IOException e) {
      reporter.error(Messages.INTERNAL_ERROR.format(type.getQualifiedName(), stackTrace(e)), type);
      return;
    }
    providers.add(model.providerBinaryName());
    moduleProvides.generated(
        type,
        model.routesType().nestedClass("Provider").canonicalName(),
        processingEnv.getElementUtils());
    LOG.log(
        Level.DEBUG,
        () ->
            "Generated "
                + model.routesType()
                + " with "
                + count(model.endpoints().size(), "route")
                + " for "
                + type.getQualifiedName());
  }

  /**
   * Whether the routes generated for {@code type} can name {@code @Generated}: always on the class
   * path, and in a named module only if it reads {@code java.compiler}, which most do not. Javac's
   * lookup "as seen from" the module answers exactly that; a lookup in the whole module graph would
   * find it whenever any module requires {@code java.compiler}.
   */
  private boolean generatedAnnotationVisible(TypeElement type) {
    Elements elements = processingEnv.getElementUtils();
    ModuleElement module = elements.getModuleOf(type);
    return module == null || elements.getTypeElement(module, GENERATED) != null;
  }

  /** In declaration order, which is the order of the routes. */
  private static List<ExecutableElement> endpointsOf(TypeElement type) {
    return Hierarchy.declaredEndpoints(type);
  }

  /**
   * A parameter annotation outside an endpoint binds nothing, which is a mistake unless the method
   * overrides an endpoint (whose own parameters' bindings apply).
   */
  private void checkParameterAnnotationsPlacement(RoundEnvironment round) {
    for (Class<? extends Annotation> annotation : SluiceAnnotations.PARAMETER_ANNOTATIONS) {
      for (Element parameter : round.getElementsAnnotatedWith(annotation)) {
        if (parameter.getKind() == ElementKind.PARAMETER
            && parameter.getEnclosingElement() instanceof ExecutableElement method
            && !isEndpointOrOverride(method)) {
          reporter.error(
              Messages.MISPLACED_ANNOTATION.format(annotation.getSimpleName(), describe(method)),
              parameter,
              SluiceAnnotations.find(parameter, annotation.getCanonicalName()).orElseThrow());
        }
      }
    }
  }

  private boolean isEndpointOrOverride(ExecutableElement method) {
    if (SluiceAnnotations.endpoint(method).isPresent()) {
      return true;
    }
    if (method.getKind() != ElementKind.METHOD
        || !(method.getEnclosingElement() instanceof TypeElement type)) {
      return false;
    }
    for (TypeElement supertype : Hierarchy.supertypes(type, processingEnv.getTypeUtils())) {
      for (ExecutableElement endpoint : Hierarchy.declaredEndpoints(supertype)) {
        if (processingEnv.getElementUtils().overrides(method, endpoint, type)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String describe(ExecutableElement method) {
    return method.getKind() == ElementKind.CONSTRUCTOR
        ? "the constructor of " + method.getEnclosingElement().getSimpleName()
        : TypeText.of(method);
  }

  /**
   * A type in an endpoint's signature that does not exist, maybe not generated yet, or a missing
   * supertype of its return type, without which the return type cannot be classified.
   */
  private Optional<Map.Entry<Element, TypeMirror>> firstErrorType(
      List<ExecutableElement> endpoints) {
    for (ExecutableElement method : endpoints) {
      Optional<TypeMirror> inReturn =
          TypeScans.errorType(method.getReturnType())
              .or(
                  () ->
                      ReturnTypes.missingSupertype(
                          method.getReturnType(), processingEnv.getTypeUtils()));
      if (inReturn.isPresent()) {
        return Optional.of(Map.entry(method, inReturn.get()));
      }
      for (VariableElement parameter : method.getParameters()) {
        Optional<TypeMirror> inParameter = TypeScans.errorType(parameter.asType());
        if (inParameter.isPresent()) {
          return Optional.of(Map.entry(parameter, inParameter.get()));
        }
      }
    }
    return Optional.empty();
  }

  /** Errors wait for the last round because another processor may yet generate the type. */
  private void reportUnresolved() {
    for (String name : deferred) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type == null) {
        reporter.error(Messages.UNRESOLVED_TYPE.format(name, "(unknown)"));
        continue;
      }
      firstErrorType(endpointsOf(type))
          .ifPresent(
              found ->
                  reporter.error(
                      Messages.UNRESOLVED_TYPE.format(
                          TypeText.of(type), TypeText.of(found.getValue())),
                      found.getKey()));
    }
    deferred.clear();
  }

  /**
   * Written once, in the final round, sorted. Entries from an earlier incremental compilation are
   * kept, as AutoService does, since this compilation may not have seen those classes.
   */
  private void writeServicesFile() {
    if (providers.isEmpty()) {
      return;
    }
    Filer filer = processingEnv.getFiler();
    SortedSet<String> all = new TreeSet<>(providers);
    SortedSet<String> stale = new TreeSet<>();
    for (String existing : existingProviders(filer)) {
      // An entry whose routes no longer exist (the class was deleted or renamed since) would stop
      // every server's ServiceLoader; the services file is the processor's to keep clean.
      if (processingEnv.getElementUtils().getTypeElement(routesClassOf(existing)) != null) {
        all.add(existing);
      } else {
        stale.add(existing);
      }
    }
    try {
      FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", SERVICES_FILE);
      try (OutputStream out = file.openOutputStream();
          Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
        for (String provider : all) {
          writer.write(provider);
          writer.write('\n');
        }
      }
    } catch (IOException e) {
      reporter.error(Messages.INTERNAL_ERROR.format(SERVICES_FILE, stackTrace(e)));
      return;
    }
    LOG.log(
        Level.DEBUG,
        () ->
            "Wrote "
                + SERVICES_FILE
                + " with "
                + count(all.size(), "provider")
                + (stale.isEmpty() ? "" : ", dropping stale entries " + stale));
  }

  /** {@code a.Foo_SseRoutes} for {@code a.Foo_SseRoutes$Provider}, as Elements looks it up. */
  private static String routesClassOf(String provider) {
    String suffix = "$Provider";
    return provider.endsWith(suffix)
        ? provider.substring(0, provider.length() - suffix.length())
        : provider;
  }

  private static Set<String> existingProviders(Filer filer) {
    Set<String> existing = new TreeSet<>();
    try {
      FileObject file = filer.getResource(StandardLocation.CLASS_OUTPUT, "", SERVICES_FILE);
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(file.openInputStream(), StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          String entry = line.strip();
          if (!entry.isEmpty() && !entry.startsWith("#")) {
            existing.add(entry);
          }
        }
      }
    } catch (IOException e) {
      // No earlier compilation wrote the file: the usual case.
    }
    return existing;
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String stackTrace(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
