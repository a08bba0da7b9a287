package dev.sluice.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.sluice.processor.ExpectedErrors.assertErrors;
import static dev.sluice.processor.ExpectedErrors.error;
import static dev.sluice.processor.TestSources.compileFiles;
import static dev.sluice.processor.TestSources.endpointFile;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.JavaFileObjects;
import dev.sluice.SseServer;
import dev.sluice.annotation.SseEndpoint;
import io.undertow.Undertow;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnio.Xnio;

/**
 * Endpoints compiled in a named module, against the runtime on the module path, as a user's build
 * compiles them: the module must provide the generated routes, since ServiceLoader reads nothing
 * else there, and the routes compile without {@code java.compiler}, which declares
 * {@code @Generated}.
 *
 * <p>javac directly, on files, rather than compile-testing: its in-memory file manager cannot
 * compile a module (javac finds the module-info in every module's location and reports a name
 * mismatch for each).
 */
class NamedModuleTest {
  private static final String PROVIDES =
      "provides dev.sluice.spi.SseRouteProvider with test.clock.Clock_SseRoutes.Provider;";

  @TempDir Path dir;

  private final DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();

  @Test
  void moduleProvidingItsRoutes_compilesWithoutWarnings_andWithoutGenerated() throws IOException {
    boolean compiled = compile(moduleInfo(PROVIDES), endpoint("Clock", "/events"));

    assertThat(diagnostics.getDiagnostics()).isEmpty();
    assertThat(compiled).isTrue();
    assertThat(generated("Clock")).doesNotContain("Generated");
  }

  @Test
  void moduleReadingJavaCompiler_getsGenerated() throws IOException {
    boolean compiled =
        compile(
            moduleInfo("requires static java.compiler;", PROVIDES), endpoint("Clock", "/events"));

    assertThat(diagnostics.getDiagnostics()).isEmpty();
    assertThat(compiled).isTrue();
    assertThat(generated("Clock"))
        .contains("@Generated(\"dev.sluice.processor.SseEndpointProcessor\")");
  }

  @Test
  void moduleWithoutProvides_isAnErrorOnItsDeclaration_withTheLineToWrite() throws IOException {
    Path moduleInfo = moduleInfo();

    assertThat(compile(moduleInfo, endpoint("Clock", "/events"))).isFalse();
    assertErrors(
        diagnostics.getDiagnostics(),
        error(
            file(moduleInfo),
            Messages.MISSING_PROVIDES.format(
                "test.clock", "test.clock.Clock_SseRoutes.Provider", PROVIDES),
            "module test.clock {"));
  }

  @Test
  void moduleProvidingSomeRoutes_isToldTheWholeDirective() throws IOException {
    Path moduleInfo = moduleInfo(PROVIDES);

    assertThat(compile(moduleInfo, endpoint("Clock", "/events"), endpoint("Alarm", "/alarms")))
        .isFalse();
    assertErrors(
        diagnostics.getDiagnostics(),
        error(
            file(moduleInfo),
            Messages.MISSING_PROVIDES.format(
                "test.clock",
                "test.clock.Alarm_SseRoutes.Provider",
                "provides dev.sluice.spi.SseRouteProvider with test.clock.Clock_SseRoutes.Provider,"
                    + " test.clock.Alarm_SseRoutes.Provider;"),
            "module test.clock {"));
  }

  /** {@code module test.clock}, requiring {@code dev.sluice}, with {@code directives}. */
  private Path moduleInfo(String... directives) throws IOException {
    List<String> lines = new ArrayList<>(List.of("module test.clock {", "  requires dev.sluice;"));
    for (String directive : directives) {
      lines.add("  " + directive);
    }
    lines.add("}");
    return write("module-info.java", lines);
  }

  private Path endpoint(String name, String path) throws IOException {
    return write("test/clock/" + name + ".java", endpointFile("test.clock", name, path));
  }

  private Path write(String file, List<String> lines) throws IOException {
    Path path = dir.resolve("src").resolve(file);
    Files.createDirectories(path.getParent());
    Files.write(path, lines, UTF_8);
    return path;
  }

  private String generated(String name) throws IOException {
    return Files.readString(dir.resolve("generated/test/clock/" + name + "_SseRoutes.java"));
  }

  /** As a user with {@code -Werror} builds a module: the runtime on the module path. */
  private boolean compile(Path... sources) throws IOException {
    List<String> options =
        List.of(
            "-Xlint:all",
            "-Werror",
            "--module-path",
            modulePath(),
            // Not this JVM's class path, which javac would take otherwise.
            "--class-path",
            Files.createDirectories(dir.resolve("empty")).toString(),
            "-d",
            Files.createDirectories(dir.resolve("classes")).toString(),
            "-s",
            Files.createDirectories(dir.resolve("generated")).toString());
    return compileFiles(options, diagnostics, sources);
  }

  /** {@code path} as the compiler sees it, for an expected error's file. */
  private static JavaFileObject file(Path path) throws MalformedURLException {
    return JavaFileObjects.forResource(path.toUri().toURL());
  }

  /**
   * The runtime and the modules it requires, where this test's class path has them: jars, or a
   * reactor module's classes directory, which holds its module-info.class just as well.
   */
  private static String modulePath() {
    return Stream.of(
            SseServer.class,
            SseEndpoint.class,
            ObjectMapper.class,
            JsonFactory.class,
            JsonAutoDetect.class,
            Undertow.class,
            Xnio.class)
        .map(NamedModuleTest::location)
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
