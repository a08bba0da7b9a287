package dev.sluice.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.sluice.processor.TestSources.compileFiles;
import static dev.sluice.processor.TestSources.endpointFile;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    Files.write(source, endpointFile("test", name, path), UTF_8);
    return source;
  }

  private static void compile(Path out, Path source) throws IOException {
    List<String> options =
        List.of(
            "-d",
            out.toString(),
            "-classpath",
            System.getProperty("java.class.path") + File.pathSeparator + out);
    assertThat(compileFiles(options, null, source)).isTrue();
  }
}
