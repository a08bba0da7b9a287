package dev.sluice.modulepath;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application's own module, compiled as its build would compile it (javac, Sluice's processor on
 * the processor path, the built jars on the module path, {@code -Xlint:all -Werror}) and run as it
 * would be run ({@code java -m}, in a process of its own): the generated routes are found by {@code
 * ServiceLoader} through its {@code provides}, serve over a socket with their OpenAPI document, and
 * sluice-client reads them from inside the module too.
 *
 * <p>The paths come from Maven ({@code maven-dependency-plugin:build-classpath}, see this module's
 * pom), so the test runs the jars this build made, or their classes directories.
 */
class ModulePathTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** What {@link #lines} queues when the app's stdout ends; no line is NUL. */
  private static final String EOF = "\0";

  @TempDir Path dir;

  private final DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
  private Process app;

  @AfterEach
  void stopApp() throws InterruptedException {
    if (app != null && app.isAlive()) {
      app.destroy(); // SIGTERM to its pid; the JVM exits at once, Undertow's threads with it
      if (!app.waitFor(10, SECONDS)) {
        app.destroyForcibly().waitFor(10, SECONDS);
      }
    }
  }

  @Test
  void applicationModule_servesItsGeneratedRoutes_andReadsThemWithTheClient() throws Exception {
    Path classes = compile("clock");
    assertEquals(List.of(), diagnostics.getDiagnostics(), "compiled without a warning");
    assertTrue(Files.exists(classes.resolve("com/example/clock/Clock_SseRoutes$Provider.class")));

    Path stderr = dir.resolve("stderr.txt");
    app =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Undertow's thread pool (jboss-threads, on the class path) uses sun.misc.Unsafe;
                // a module-path launch resolves only what the main module's graph requires.
                "--add-modules",
                "jdk.unsupported",
                "--module-path",
                classes + File.pathSeparator + path("sluice.test.modulePath"),
                "--class-path",
                path("sluice.test.classPath"),
                "-m",
                "com.example.clock/com.example.clock.Main")
            .redirectError(stderr.toFile())
            .start();
    BlockingQueue<String> stdout = lines(app);

    assertEquals(
        "modules com.example.clock dev.sluice dev.sluice.client",
        next(stdout, stderr),
        "each on the module path, as a named module");
    Matcher listening = Pattern.compile("listening (\\d+)").matcher(next(stdout, stderr));
    assertTrue(listening.matches(), listening.toString());
    URI base = URI.create("http://127.0.0.1:" + listening.group(1) + "/");

    // A Stream of a generic type, through a TypeReference the routes made in the module.
    HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    HttpResponse<String> greetings =
        http.sendAsync(
                request(base.resolve("/greetings/ada")), HttpResponse.BodyHandlers.ofString())
            .get(TIMEOUT.toSeconds(), SECONDS);
    assertEquals(200, greetings.statusCode());
    assertEquals(
        "text/event-stream; charset=UTF-8",
        greetings.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("data: [\"hello\",\"ada\"]\n\n", greetings.body());

    // A broadcast of records: encoded once, as JSON, of a package open to Jackson only.
    HttpResponse<Stream<String>> ticks =
        http.sendAsync(request(base.resolve("/ticks")), HttpResponse.BodyHandlers.ofLines())
            .get(TIMEOUT.toSeconds(), SECONDS);
    assertEquals(200, ticks.statusCode());
    String data =
        CompletableFuture.supplyAsync(
                () -> ticks.body().filter(line -> line.startsWith("data:")).findFirst())
            .get(TIMEOUT.toSeconds(), SECONDS)
            .orElseThrow();
    ticks.body().close();
    assertTrue(data.matches("data: \\{\"n\":\\d+}"), data);

    // The document the processor wrote into the module's META-INF, found through its loader.
    HttpResponse<String> openApi =
        http.sendAsync(
                HttpRequest.newBuilder(base.resolve("/openapi.json")).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString())
            .get(TIMEOUT.toSeconds(), SECONDS);
    assertEquals(200, openApi.statusCode());
    assertTrue(
        openApi.body().contains("\"/ticks\"") && openApi.body().contains("\"/greetings/{name}\""),
        openApi.body());

    assertTrue(
        next(stdout, stderr).matches("read Tick\\[n=\\d+]"),
        "sluice-client, in the module, read a Tick back");
  }

  @Test
  void runtimeInternals_areNotVisibleToAnApplicationModule() throws IOException {
    compile("internal-user");

    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors.add(d.getMessage(Locale.ROOT));
      }
    }
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(
        errors.get(0).startsWith("package dev.sluice.internal.encode is not visible"),
        errors.get(0));
    assertTrue(errors.get(0).contains("does not export it"), errors.get(0));
  }

  /** Compiles the module in resources directory {@code name}; returns its classes directory. */
  private Path compile(String name) throws IOException {
    Path sources;
    try {
      sources = Path.of(ModulePathTest.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<File> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).toList();
    }
    Path classes = Files.createDirectories(dir.resolve(name + "/classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, UTF_8)) {
      List<String> options =
          List.of(
              "-Xlint:all",
              "-Werror",
              "--module-path",
              path("sluice.test.modulePath"),
              "--processor-path",
              path("sluice.test.processorPath"),
              // Not this JVM's class path, which javac would take otherwise: the runtime's jar
              // is on it, and would be the unnamed module to a compilation in this process.
              "--class-path",
              Files.createDirectories(dir.resolve("empty")).toString(),
              "-d",
              classes.toString(),
              "-s",
              Files.createDirectories(dir.resolve(name + "/generated")).toString());
      javac
          .getTask(
              null,
              fileManager,
              diagnostics,
              options,
              null,
              fileManager.getJavaFileObjectsFromFiles(files))
          .call();
    }
    return classes;
  }

  /** A path Maven resolved for this test; see this module's pom. */
  private static String path(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank() || value.startsWith("${")) {
      fail(property + " is not set: run this test through Maven, whose dependency plugin sets it");
    }
    return value;
  }

  private static HttpRequest request(URI uri) {
    return HttpRequest.newBuilder(uri)
        .header("Accept", "text/event-stream")
        .timeout(TIMEOUT)
        .build();
  }

  /** The process's stdout, line by line, read on a thread of its own, then {@link #EOF}. */
  private static BlockingQueue<String> lines(Process process) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // The process went away mid-line: what it wrote before is in the queue.
              } finally {
                lines.add(EOF);
              }
            },
            "app-stdout");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  /** The app's next line of stdout; fails with its stderr if none comes. */
  private String next(BlockingQueue<String> stdout, Path stderr)
      throws InterruptedException, IOException {
    String line = stdout.poll(TIMEOUT.toSeconds(), SECONDS);
    if (line == null || line.equals(EOF)) {
      return fail(
          "the app wrote no next line within "
              + TIMEOUT
              + " ("
              + (app.isAlive() ? "still running" : "exited with " + app.exitValue())
              + "); its stderr:\n"
              + Files.readString(stderr));
    }
    return line;
  }
}
