package dev.sluice.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.sluice.processor.TestSources.assertCompilesCleanly;
import static dev.sluice.processor.TestSources.assertRoutesMatchGolden;
import static dev.sluice.processor.TestSources.clock;
import static dev.sluice.processor.TestSources.endpoint;
import static dev.sluice.processor.TestSources.generatedSource;
import static dev.sluice.processor.TestSources.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

class SseEndpointProcessorTest {
  @Test
  void everyFeature_compilesWithoutWarnings() {
    JavaFileObject everything =
        source(
            "Everything",
            "public class Everything {",
            "  public enum Color { RED, GREEN, BLUE }",
            "",
            "  public record Point(int x, int y) {}",
            "",
            "  @SseEndpoint(\"/text/{room}\")",
            "  public Flow.Publisher<String> text(",
            "      @PathParam(\"room\") String room,",
            "      @QueryParam(\"n\") int n,",
            "      @QueryParam(\"big\") long big,",
            "      @QueryParam(\"s\") short s,",
            "      @QueryParam(\"b\") byte b,",
            "      @QueryParam(\"d\") double d,",
            "      @QueryParam(\"f\") float f,",
            "      @QueryParam(\"flag\") boolean flag,",
            "      @QueryParam(\"c\") char c) {",
            "    return null;",
            "  }",
            "",
            "  @SseEndpoint(\"/boxes/{n}\")",
            "  public Stream<Point> boxes(",
            "      @PathParam(\"n\") Integer n,",
            "      @QueryParam(\"big\") Long big,",
            "      @QueryParam(\"s\") Short s,",
            "      @QueryParam(\"b\") Byte b,",
            "      @QueryParam(\"d\") Double d,",
            "      @QueryParam(\"f\") Float f,",
            "      @QueryParam(\"flag\") Boolean flag,",
            "      @QueryParam(\"c\") Character c) {",
            "    return null;",
            "  }",
            "",
            "  @SseEndpoint(\"/events/{id}/{color}\")",
            "  public Flow.Publisher<SseEvent<String>> textEvents(",
            "      @PathParam(\"id\") UUID id,",
            "      @PathParam(\"color\") Color color,",
            "      @HeaderParam(\"X-Color\") Color headerColor,",
            "      @QueryParam(\"every\") Duration every,",
            "      @LastEventId String lastId) {",
            "    return null;",
            "  }",
            "",
            "  @SseEndpoint(\"/points\")",
            "  public Stream<SseEvent<Point>> jsonEvents(",
            "      @QueryParam(\"color\") Optional<Color> color,",
            "      @QueryParam(\"id\") Optional<UUID> id,",
            "      @HeaderParam(\"X-Every\") Optional<Duration> every,",
            "      @QueryParam(\"n\") Optional<Integer> n,",
            "      @QueryParam(\"name\") Optional<String> name,",
            "      @LastEventId Optional<String> lastId) {",
            "    return null;",
            "  }",
            "",
            "  @SseEndpoint(\"/lists\")",
            "  public Flow.Publisher<List<Point>> lists(",
            "      @QueryParam(\"request\") String request,",
            "      @QueryParam(\"endpoint\") String endpoint,",
            "      @QueryParam(\"listsEncoder\") String listsEncoder) {",
            "    return null;",
            "  }",
            "",
            "  @SseEndpoint(\"/lists/{name}\")",
            "  public Stream<String> lists(@PathParam(\"name\") String name) {",
            "    return null;",
            "  }",
            "",
            "  @SseEndpoint(\"/arrays\")",
            "  public Stream<Point[]> arrays() {",
            "    return null;",
            "  }",
            "",
            "  @SseEndpoint(\"/covariant\")",
            "  public Flow.Publisher<? extends SseEvent<? extends Point>> covariant() {",
            "    return null;",
            "  }",
            "",
            "  @SseEndpoint(\"/covariant-text\")",
            "  public Stream<SseEvent<? extends String>> covariantText() {",
            "    return null;",
            "  }",
            "",
            "  @SseEndpoint(\"/generic-events\")",
            "  public Stream<SseEvent<List<Point>>> genericEvents() {",
            "    return null;",
            "  }",
            "",
            "  @SseEndpoint(\"/objects\")",
            "  public Stream<Object> objects() throws java.io.IOException {",
            "    return null;",
            "  }",
            "",
            "  @SseEndpoint(\"/routes\")",
            "  public Stream<Integer> routes() {",
            "    return null;",
            "  }",
            "",
            "  public static class Nested {",
            "    @SseEndpoint(\"/nested\")",
            "    public Stream<Integer> numbers() {",
            "      return null;",
            "    }",
            "  }",
            "}");

    Compilation compilation = assertCompilesCleanly(everything);
    assertThat(compilation).generatedSourceFile("test.Everything_SseRoutes");
    assertThat(compilation).generatedSourceFile("test.Everything$Nested_SseRoutes");
  }

  @Test
  void clock_matchesGolden() {
    assertRoutesMatchGolden(
        "SseEndpointProcessorTest/clock_matchesGolden", "com.example.Clock_SseRoutes", clock());
  }

  @Test
  void heartbeatAndMaxStreams_areChainedOntoTheirRoutesOnly() {
    JavaFileObject ticker =
        source(
            "Ticker",
            "public class Ticker {",
            "  @SseEndpoint(value = \"/ticker\", heartbeat = \"PT5S\", maxStreams = 100)",
            "  public Flow.Publisher<String> prices() {",
            "    return null;",
            "  }",
            "",
            "  @SseEndpoint(value = \"/quarter\", heartbeat = \"PT0.25S\")",
            "  public Stream<String> quarter() {",
            "    return null;",
            "  }",
            "",
            "  @SseEndpoint(value = \"/fine\", heartbeat = \"PT0.0000015S\")",
            "  public Stream<String> fine() {",
            "    return null;",
            "  }",
            "",
            "  @SseEndpoint(value = \"/off\", heartbeat = \"PT0S\", maxStreams = 0)",
            "  public Stream<String> off() {",
            "    return null;",
            "  }",
            "",
            "  @SseEndpoint(value = \"/default\", heartbeat = \"\")",
            "  public Stream<String> byDefault() {",
            "    return null;",
            "  }",
            "}");

    Compilation compilation = assertCompilesCleanly(ticker);
    assertThat(compilation)
        .generatedSourceFile("test.Ticker_SseRoutes")
        .contentsAsUtf8String()
        .contains(
            String.join(
                "\n",
                "    return List.of(",
                "        SseRoute.publisher(\"/ticker\", \"Ticker.prices\", this::prices)",
                "            .withHeartbeat(Duration.ofSeconds(5))",
                "            .withMaxStreams(100),",
                "        SseRoute.stream(\"/quarter\", \"Ticker.quarter\", this::quarter)",
                "            .withHeartbeat(Duration.ofMillis(250)),",
                "        SseRoute.stream(\"/fine\", \"Ticker.fine\", this::fine)",
                "            .withHeartbeat(Duration.ofNanos(1500)),",
                "        SseRoute.stream(\"/off\", \"Ticker.off\", this::off)",
                "            .withHeartbeat(Duration.ZERO),",
                "        SseRoute.stream(\"/default\", \"Ticker.byDefault\", this::byDefault));",
                ""));
  }

  @Test
  void servicesFile_listsEveryProviderSorted() {
    JavaFileObject zebra =
        source(
            "Zebra",
            "public class Zebra {",
            "  @SseEndpoint(\"/zebra\")",
            "  public Stream<String> stripes() {",
            "    return null;",
            "  }",
            "",
            "  public static class Foal {",
            "    @SseEndpoint(\"/foal\")",
            "    public Stream<String> stripes() {",
            "      return null;",
            "    }",
            "  }",
            "}");

    Compilation compilation = assertCompilesCleanly(zebra, clock());
    assertThat(compilation)
        .generatedFile(StandardLocation.CLASS_OUTPUT, SseEndpointProcessor.SERVICES_FILE)
        .contentsAsUtf8String()
        .isEqualTo(
            "com.example.Clock_SseRoutes$Provider\n"
                + "test.Zebra$Foal_SseRoutes$Provider\n"
                + "test.Zebra_SseRoutes$Provider\n");
  }

  @Test
  void classWithoutEndpoints_generatesNothing() {
    JavaFileObject plain = source("Plain", "public class Plain {}");

    Compilation compilation = assertCompilesCleanly(plain);
    assertThat(compilation.generatedFiles().stream().map(JavaFileObject::getName))
        .containsExactly("/CLASS_OUTPUT/test/Plain.class");
  }

  @Test
  void typeFromAnotherProcessor_isWaitedFor() {
    JavaFileObject feed =
        endpoint(
            "public class Feed",
            "/feed",
            "public Stream<Later> items(@QueryParam(\"after\") LaterKind after)");

    assertThat(routesAfterLaterGenerator(feed, "test.Feed_SseRoutes"))
        .contains("Params.<LaterKind>enumOf(\"FIRST, SECOND\", LaterKind::valueOf)");
  }

  /** Until its supertype exists, a return type can be neither a publisher nor anything else. */
  @Test
  void returnTypeExtendingATypeFromAnotherProcessor_isWaitedFor() {
    JavaFileObject feed =
        endpoint(
            "public class Feeds",
            List.of("public abstract static class Items extends LaterPublisher {}"),
            "/items",
            "public Items items()");

    assertThat(routesAfterLaterGenerator(feed, "test.Feeds_SseRoutes"))
        .contains("this.itemsEncoder = encoders.json(Later.class);");
  }

  /**
   * The routes class {@code name} generated from {@code source}, which compiles cleanly with
   * LaterGenerator first: javac offers a "*" processor nothing once Sluice claimed it all.
   */
  private static String routesAfterLaterGenerator(JavaFileObject source, String name) {
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new LaterGenerator(), new SseEndpointProcessor())
            .withOptions(TestSources.STRICTLY)
            .compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    return generatedSource(compilation, name);
  }

  /** Stands for a processor whose output the endpoint uses: writes three types in round 1. */
  @SupportedAnnotationTypes("*")
  private static final class LaterGenerator extends AbstractProcessor {
    private boolean done;

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done) {
        done = true;
        write("test.Later", "package test; public record Later(String text) {}");
        write("test.LaterKind", "package test; public enum LaterKind { FIRST, SECOND }");
        write(
            "test.LaterPublisher",
            "package test; public abstract class LaterPublisher"
                + " implements java.util.concurrent.Flow.Publisher<Later> {}");
      }
      return false;
    }

    private void write(String name, String source) {
      try (Writer writer = processingEnv.getFiler().createSourceFile(name).openWriter()) {
        writer.write(source);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
