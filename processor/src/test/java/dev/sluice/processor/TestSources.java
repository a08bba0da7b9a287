package dev.sluice.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * What processor tests compile and how: small sources in package {@code test}, with every import an
 * endpoint class might need, the representative {@code com.example.Clock}, the compilations, and
 * what they generate.
 */
final class TestSources {
  static final List<String> IMPORTS =
      List.of(
          "package test;",
          "",
          "import dev.sluice.SseEvent;",
          "import dev.sluice.annotation.Authenticated;",
          "import dev.sluice.annotation.HeaderParam;",
          "import dev.sluice.annotation.LastEventId;",
          "import dev.sluice.annotation.PathParam;",
          "import dev.sluice.annotation.QueryParam;",
          "import dev.sluice.annotation.SseEndpoint;",
          "import java.time.Duration;",
          "import java.util.List;",
          "import java.util.Optional;",
          "import java.util.UUID;",
          "import java.util.concurrent.Flow;",
          "import java.util.stream.Stream;",
          "");

  private static final Pattern DECLARED_NAME =
      Pattern.compile("\\b(?:class|interface|record|enum) (\\w+)");

  private TestSources() {}

  /** {@code test.<name>}: the imports, then {@code lines}. */
  static JavaFileObject source(String name, String... lines) {
    List<String> all = new ArrayList<>(IMPORTS);
    all.addAll(List.of(lines));
    return JavaFileObjects.forSourceLines("test." + name, all);
  }

  /**
   * {@code test.<Name>}: {@code declaration}, such as {@code "public class Name"}, with one
   * endpoint: {@code @SseEndpoint(path)} on {@code method}, given a line each, whose body returns
   * null.
   */
  static JavaFileObject endpoint(String declaration, String path, String... method) {
    return endpoint(declaration, List.of(), path, method);
  }

  /** The same, with {@code members}, a line each, declared before the endpoint. */
  static JavaFileObject endpoint(
      String declaration, List<String> members, String path, String... method) {
    List<String> lines = new ArrayList<>();
    lines.add(declaration + " {");
    for (String member : members) {
      lines.add("  " + member);
    }
    lines.addAll(endpointMethod("  ", path, method));
    lines.add("}");
    return source(nameIn(declaration), lines.toArray(String[]::new));
  }

  /** {@code test.<Outer>}: {@code outer} holding {@code inner}, which has the one endpoint. */
  static JavaFileObject nestedEndpoint(String outer, String inner, String path, String method) {
    List<String> lines = new ArrayList<>();
    lines.add(outer + " {");
    lines.add("  " + inner + " {");
    lines.addAll(endpointMethod("    ", path, method));
    lines.add("  }");
    lines.add("}");
    return source(nameIn(outer), lines.toArray(String[]::new));
  }

  private static List<String> endpointMethod(String indent, String path, String... method) {
    List<String> lines = new ArrayList<>();
    lines.add(indent + "@SseEndpoint(\"" + path + "\")");
    for (String line : method) {
      lines.add(indent + line);
    }
    lines.set(lines.size() - 1, lines.get(lines.size() - 1) + " {");
    lines.add(indent + "  return null;");
    lines.add(indent + "}");
    return lines;
  }

  /** {@code Name} of a declaration such as {@code "public class Name<T> extends Base"}. */
  private static String nameIn(String declaration) {
    Matcher name = DECLARED_NAME.matcher(declaration);
    if (!name.find()) {
      throw new IllegalArgumentException("No class or interface name in " + declaration);
    }
    return name.group(1);
  }

  /**
   * {@code com.example.Clock}, the representative endpoint class of the goldens: a JSON event
   * stream with a query parameter, and a text stream with path, optional and Last-Event-ID
   * parameters, each documented.
   */
  static JavaFileObject clock() {
    return JavaFileObjects.forSourceLines(
        "com.example.Clock",
        "package com.example;",
        "",
        "import dev.sluice.SseEvent;",
        "import dev.sluice.annotation.LastEventId;",
        "import dev.sluice.annotation.PathParam;",
        "import dev.sluice.annotation.QueryParam;",
        "import dev.sluice.annotation.SseEndpoint;",
        "import java.time.Duration;",
        "import java.util.Optional;",
        "import java.util.concurrent.Flow;",
        "import java.util.stream.Stream;",
        "",
        "public class Clock {",
        "  public record Tick(long millis) {}",
        "",
        "  /** Ticks, {@code every} so often. */",
        "  @SseEndpoint(\"/events\")",
        "  public Flow.Publisher<SseEvent<Tick>> events(@QueryParam(\"every\") Duration every) {",
        "    return null;",
        "  }",
        "",
        "  /**",
        "   * The names of a zone's clocks.",
        "   *",
        "   * <p>At most {@code limit} of them, resumed after {@link #names the last one}.",
        "   *",
        "   * @param zone the zone",
        "   */",
        "  @SseEndpoint(\"/zones/{zone}/names\")",
        "  public Stream<String> names(",
        "      @PathParam(\"zone\") String zone,",
        "      @QueryParam(\"limit\") Optional<Integer> limit,",
        "      @LastEventId String lastId) {",
        "    return null;",
        "  }",
        "}");
  }

  /**
   * The file {@code <package>/<name>.java}, as a user writes it: a public class {@code name}, with
   * only the imports it needs, and one endpoint at {@code path}.
   */
  static List<String> endpointFile(String packageName, String name, String path) {
    return List.of(
        "package " + packageName + ";",
        "",
        "import dev.sluice.annotation.SseEndpoint;",
        "import java.util.stream.Stream;",
        "",
        "public class " + name + " {",
        "  @SseEndpoint(\"" + path + "\")",
        "  public Stream<String> events() {",
        "    return null;",
        "  }",
        "}");
  }

  // Compilations.

  static Compiler compiler() {
    return Compiler.javac().withProcessors(new SseEndpointProcessor());
  }

  static Compilation compile(JavaFileObject... sources) {
    return compiler().compile(sources);
  }

  /** As users with {@code -Werror} build: any warning in generated code fails. */
  static final List<String> STRICTLY = List.of("-Xlint:all", "-Werror");

  static Compilation compileStrictly(JavaFileObject... sources) {
    return compiler().withOptions(STRICTLY).compile(sources);
  }

  /** {@code sources} compile strictly without a warning; the compilation, to look into further. */
  static Compilation assertCompilesCleanly(JavaFileObject... sources) {
    Compilation compilation = compileStrictly(sources);
    assertThat(compilation).succeededWithoutWarnings();
    return compilation;
  }

  /**
   * Runs javac on files with the processor, as a build tool does, where compile-testing's in-memory
   * files will not do: an output directory kept across compilations, a module path.
   */
  static boolean compileFiles(
      List<String> options, DiagnosticListener<? super JavaFileObject> diagnostics, Path... sources)
      throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, UTF_8)) {
      JavaCompiler.CompilationTask task =
          javac.getTask(
              null,
              files,
              diagnostics,
              options,
              null,
              files.getJavaFileObjectsFromPaths(List.of(sources)));
      task.setProcessors(List.of(new SseEndpointProcessor()));
      return task.call();
    }
  }

  // What they generate.

  /** The text of the source file {@code compilation} generated for the class {@code name}. */
  static String generatedSource(Compilation compilation, String name) {
    try {
      return compilation.generatedSourceFile(name).orElseThrow().getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code sources} compile cleanly, and the routes class {@code name} they generate is the golden
   * {@code goldens/<directory>/<SimpleName>.java}, up to formatting.
   */
  static void assertRoutesMatchGolden(String directory, String name, JavaFileObject... sources) {
    assertThat(assertCompilesCleanly(sources))
        .generatedSourceFile(name)
        .hasSourceEquivalentTo(
            JavaFileObjects.forResource(
                "goldens/"
                    + directory
                    + "/"
                    + name.substring(name.lastIndexOf('.') + 1)
                    + ".java"));
  }
}
