package dev.sluice.processor;

import static com.google.common.truth.Truth.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The services file across compilations into one output directory, as an incremental build does:
 * entries of classes compiled earlier are kept, entries whose routes are gone are dropped.
 */
class IncrementalServicesFileTest {
  @TempDir Path dir;

  @Test
  void secondCompilation_keepsEarlierEntriesAndDropsStaleOnes() throws IOException {
    Path out = Files.createDirectories(dir.resolve("classes"));
    compile(out, write("Kept", "/kept"));
    Path services = out.resolve(SseEndpointProcessor.SERVICES_FILE);
    assertThat(Files.readString(services)).isEqualTo("test.Kept_SseRoutes$Provider\n");
    // A class deleted since: its entry stays behind, and its routes class with it, or not.
    Files.writeString(services, "test.Kept_SseRoutes$Provider\ntest.Deleted_SseRoutes$Provider\n");

    compile(out, write("Added", "/added"));

    assertThat(Files.readString(services))
        .isEqualTo("test.Added_SseRoutes$Provider\ntest.Kept_SseRoutes$Provider\n");
  }

  private Path write(String name, String path) throws IOException {
    Path source = dir.resolve("src/test/" + name + ".java");
    Files.createDirectories(source.getParent());
    Files.writeString(
        source,
        String.join(
            "\n",
            "package test;",
            "",
            "import dev.sluice.annotation.SseEndpoint;",
            "import java.util.stream.Stream;",
            "",
            "public class " + name + " {",
            "  @SseEndpoint(\"" + path + "\")",
            "  public Stream<String> events() {",
            "    return null;",
            "  }",
            "}",
            ""));
    return source;
  }

  private static void compile(Path out, Path source) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(source.toFile());
      List<String> options =
          List.of(
              "-d",
              out.toString(),
              "-classpath",
              System.getProperty("java.class.path") + File.pathSeparator + out);
      JavaCompiler.CompilationTask task = javac.getTask(null, files, null, options, null, units);
      task.setProcessors(List.of(new SseEndpointProcessor()));
      assertThat(task.call()).isTrue();
    }
  }
}
