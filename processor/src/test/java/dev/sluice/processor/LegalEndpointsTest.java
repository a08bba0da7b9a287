package dev.sluice.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.sluice.processor.TestSources.assertCompilesCleanly;
import static dev.sluice.processor.TestSources.endpoint;
import static dev.sluice.processor.TestSources.generatedSource;
import static dev.sluice.processor.TestSources.nestedEndpoint;
import static dev.sluice.processor.TestSources.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * Legal endpoints that once reached javac as errors or warnings inside the generated file: each now
 * compiles under {@code -Xlint:all -Werror}.
 */
class LegalEndpointsTest {
  @Test
  void throwsThrowable_compiles() {
    JavaFileObject source =
        source(
            "Throws",
            "public class Throws {",
            "  @SseEndpoint(\"/throwable\")",
            "  public Stream<String> throwable() throws Throwable {",
            "    return null;",
            "  }",
            "",
            "  @SseEndpoint(\"/exception\")",
            "  public Stream<String> exception() throws Exception {",
            "    return null;",
            "  }",
            "}");
    Compilation compilation = assertCompilesCleanly(source);
    assertThat(generatedSource(compilation, "test.Throws_SseRoutes"))
        .contains("throw new UndeclaredThrowableException(e);");
  }

  /** Classes of the user's package named like java.lang classes the generated code uses. */
  @Test
  void packageClassesNamedLikeJavaLang_compile() {
    JavaFileObject endpoint =
        source(
            "Shadowed",
            "public class Shadowed {",
            "  @SseEndpoint(\"/shadowed\")",
            "  public Stream<java.lang.String> shadowed(",
            "      @QueryParam(\"n\") java.lang.Integer n) throws java.lang.Exception {",
            "    return null;",
            "  }",
            "",
            "  @SseEndpoint(\"/own\")",
            "  public Stream<String> own() throws Throwable {",
            "    return null;",
            "  }",
            "}");
    Compilation compilation =
        assertCompilesCleanly(
            endpoint,
            JavaFileObjects.forSourceString("test.String", "package test; public class String {}"),
            JavaFileObjects.forSourceString("test.Object", "package test; public class Object {}"),
            JavaFileObjects.forSourceString(
                "test.Override", "package test; public @interface Override {}"),
            JavaFileObjects.forSourceString(
                "test.Exception", "package test; public class Exception {}"),
            JavaFileObjects.forSourceString(
                "test.Integer", "package test; public class Integer {}"),
            JavaFileObjects.forSourceString("test.Class", "package test; public class Class {}"));
    String routes = generatedSource(compilation, "test.Shadowed_SseRoutes");
    assertThat(routes).contains("@java.lang.Override");
    assertThat(routes).contains("java.lang.Integer n = Params.required(");
    assertThat(routes).contains("SseEncoder<String> ownEncoder");
  }

  @Test
  void parametersNamedLikeTypesTheRouteUses_compile() {
    assertCompilesCleanly(
        source(
            "Names",
            "public class Names {",
            "  public enum Color { RED }",
            "",
            "  @SseEndpoint(\"/names\")",
            "  public Stream<String> names(",
            "      @QueryParam(\"a\") String Params,",
            "      @QueryParam(\"b\") Optional<String> SseResponse,",
            "      @QueryParam(\"c\") Optional<Color> Optional,",
            "      @QueryParam(\"d\") Color Color,",
            "      @QueryParam(\"e\") String java,",
            "      @QueryParam(\"f\") String namesEncoder,",
            "      @QueryParam(\"g\") String e) throws Throwable {",
            "    return null;",
            "  }",
            "}"));
  }

  @Test
  void nestedClassAndTopLevelClassWithUnderscore_getTheirOwnRoutes() {
    JavaFileObject outer =
        nestedEndpoint(
            "public class Outer",
            "public static class Inner",
            "/inner",
            "public Stream<String> inner()");
    JavaFileObject underscored =
        endpoint("public class Outer_Inner", "/underscored", "public Stream<String> underscored()");
    Compilation compilation = assertCompilesCleanly(outer, underscored);
    assertThat(compilation).generatedSourceFile("test.Outer$Inner_SseRoutes");
    assertThat(compilation).generatedSourceFile("test.Outer_Inner_SseRoutes");
    assertThat(compilation)
        .generatedFile(StandardLocation.CLASS_OUTPUT, SseEndpointProcessor.SERVICES_FILE)
        .contentsAsUtf8String()
        .isEqualTo("test.Outer$Inner_SseRoutes$Provider\ntest.Outer_Inner_SseRoutes$Provider\n");
  }

  @Test
  void deprecatedClassesAndMethods_compileWithoutWarnings() {
    assertCompilesCleanly(
        source(
            "Old",
            "@Deprecated",
            "public class Old {",
            "  @SseEndpoint(\"/old\")",
            "  public Stream<String> old() {",
            "    return null;",
            "  }",
            "}"),
        source(
            "Uses",
            "public class Uses {",
            "  @Deprecated(forRemoval = true)",
            "  public record Gone(int x) {}",
            "",
            "  @Deprecated",
            "  public enum Kind { A }",
            "",
            "  @SseEndpoint(\"/gone\")",
            "  public Stream<List<Gone>> gone(@QueryParam(\"kind\") Kind kind) {",
            "    return null;",
            "  }",
            "",
            "  public sealed interface Shape permits Square {}",
            "",
            "  @Deprecated",
            "  public record Square(int side) implements Shape {}",
            "",
            "  @SseEndpoint(\"/shapes\")",
            "  public Stream<Shape> shapes() {",
            "    return null;",
            "  }",
            "",
            "  @Deprecated",
            "  @SseEndpoint(\"/deprecated\")",
            "  public Stream<String> deprecated() {",
            "    return null;",
            "  }",
            "}"));
  }

  @Test
  void endpointsOfInterfacesAndAbstractClasses_compile() {
    assertCompilesCleanly(
        source(
            "Feeds",
            "public interface Feeds {",
            "  @SseEndpoint(\"/default\")",
            "  default Stream<String> byDefault() {",
            "    return Stream.of(\"default\");",
            "  }",
            "",
            "  @SseEndpoint(\"/abstract\")",
            "  Stream<String> abstractFeed(@QueryParam(\"n\") int n);",
            "}"),
        source(
            "Base",
            "public abstract class Base implements Feeds {",
            "  @SseEndpoint(\"/base\")",
            "  public abstract Flow.Publisher<String> base();",
            "",
            "  @Override",
            "  public Stream<String> abstractFeed(int n) {",
            "    return Stream.of(\"\" + n);",
            "  }",
            "}"),
        source(
            "Leaf",
            "public class Leaf extends Base {",
            "  @Override",
            "  public Flow.Publisher<String> base() {",
            "    return null;",
            "  }",
            "",
            "  @Override",
            "  public Stream<String> byDefault() {",
            "    return Stream.of(\"overridden\");",
            "  }",
            "",
            "  @SseEndpoint(\"/leaf\")",
            "  public Stream<String> leaf() {",
            "    return null;",
            "  }",
            "}"));
  }

  /** An override may repeat the parameter annotations of the endpoint it overrides. */
  @Test
  void overrideRepeatingParameterAnnotations_compiles() {
    assertCompilesCleanly(
        source(
            "Api",
            "public interface Api {",
            "  @SseEndpoint(\"/api\")",
            "  Stream<String> api(@QueryParam(\"n\") int n);",
            "}"),
        source(
            "ApiImpl",
            "public class ApiImpl implements Api {",
            "  @Override",
            "  public Stream<String> api(@QueryParam(\"n\") int n) {",
            "    return null;",
            "  }",
            "}"));
  }

  @Test
  void endpointClassNamedProvider_compiles() {
    assertCompilesCleanly(
        endpoint("public class Provider", "/provider", "public Stream<String> provider()"));
  }

  @Test
  void rootPath_isLegal() {
    assertCompilesCleanly(endpoint("public class Root", "/", "public Stream<String> root()"));
  }

  /**
   * Sealed hierarchies of every shape: a nested sealed interface, a sealed class with instances of
   * its own, a generic subtype, a name inherited from a sealed supertype, events and bare.
   */
  @Test
  void sealedHierarchies_compile() {
    Compilation compilation =
        assertCompilesCleanly(
            source(
                "Shapes",
                "public class Shapes {",
                "  public sealed interface Shape permits Round, Box, Polygon {}",
                "",
                "  @dev.sluice.annotation.SseEventName(\"round\")",
                "  public sealed interface Round extends Shape permits Circle, Ellipse {}",
                "",
                "  public record Circle(double r) implements Round {}",
                "",
                "  @dev.sluice.annotation.SseEventName(\"ellipse\")",
                "  public record Ellipse(double a, double b) implements Round {}",
                "",
                "  @dev.sluice.annotation.SseEventName(\"box\")",
                "  public record Box<T>(T content) implements Shape {}",
                "",
                "  @dev.sluice.annotation.SseEventName(\"polygon\")",
                "  public static sealed class Polygon implements Shape permits Square {}",
                "",
                "  @dev.sluice.annotation.SseEventName(\"square\")",
                "  public static final class Square extends Polygon {}",
                "",
                "  @SseEndpoint(\"/shapes\")",
                "  public Stream<Shape> shapes() {",
                "    return null;",
                "  }",
                "",
                "  @SseEndpoint(\"/shape-events\")",
                "  public Flow.Publisher<? extends SseEvent<? extends Shape>> shapeEvents() {",
                "    return null;",
                "  }",
                "",
                "  @SseEndpoint(\"/rounds\")",
                "  public Stream<SseEvent<Round>> rounds() {",
                "    return null;",
                "  }",
                "",
                "  @SseEndpoint(\"/polygons\")",
                "  public Stream<Polygon> polygons() {",
                "    return null;",
                "  }",
                "}"));
    String routes = generatedSource(compilation, "test.Shapes_SseRoutes");
    // A sealed class's own instances are passed as they are: a cast to the element's own type
    // would be a warning (-Xlint:cast), which assertCompilesCleanly fails on.
    assertThat(routes)
        .contains(
            "    if (element instanceof Shapes.Square) {\n"
                + "      polygonsSquareEncoder.encode((Shapes.Square) element, out);\n"
                + "    } else if (element instanceof Shapes.Polygon) {\n"
                + "      polygonsPolygonEncoder.encode(element, out);\n"
                + "    } else {\n");
    // The most specific type first; the name of Round for Circle, which has none of its own.
    assertThat(routes)
        .contains(
            "    if (element instanceof Shapes.Circle) {\n"
                + "      shapesCircleEncoder.encode((Shapes.Circle) element, out);\n"
                + "    } else if (element instanceof Shapes.Ellipse) {\n"
                + "      shapesEllipseEncoder.encode((Shapes.Ellipse) element, out);\n"
                + "    } else if (element instanceof Shapes.Box<?>) {\n"
                + "      shapesBoxEncoder.encode((Shapes.Box<?>) element, out);\n"
                + "    } else if (element instanceof Shapes.Square) {\n"
                + "      shapesSquareEncoder.encode((Shapes.Square) element, out);\n"
                + "    } else if (element instanceof Shapes.Polygon) {\n"
                + "      shapesPolygonEncoder.encode((Shapes.Polygon) element, out);\n"
                + "    } else {\n");
    assertThat(routes)
        .contains(
            "this.shapesCircleEncoder = EventNames.named(\"round\","
                + " encoders.json(Shapes.Circle.class));");
  }
}
