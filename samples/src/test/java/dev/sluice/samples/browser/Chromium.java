package dev.sluice.samples.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.remote.http.ClientConfig;

/**
 * One headless Debian Chromium under its own chromedriver, with a fresh profile: one browser tab as
 * a user would have it. {@link #close()} ends both processes and every process Chromium started,
 * and fails if any of them outlives it.
 *
 * <p>Selenium Manager never runs: the driver and the browser are named explicitly, and with a
 * driver executable given Selenium asks no one where to find or fetch one.
 */
final class Chromium implements AutoCloseable {
  /** Debian's, where .ci/run installs them; {@code -Dsluice.chromium=..} names another. */
  static final Path BROWSER = Path.of(System.getProperty("sluice.chromium", "/usr/bin/chromium"));

  /** Its driver, of the same version; {@code -Dsluice.chromedriver=..} names another. */
  static final Path DRIVER =
      Path.of(System.getProperty("sluice.chromedriver", "/usr/bin/chromedriver"));

  /**
   * Selenium looks for a DevTools binding of the browser's version at every launch and warns that
   * it has none; these tests use none (they speak WebDriver, and chromedriver's own network
   * emulation), so the warning only hides real ones. Held here, as JUL holds loggers weakly.
   */
  private static final Logger CDP_VERSION_FINDER =
      Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  static {
    CDP_VERSION_FINDER.setLevel(Level.SEVERE);
  }

  /** The longest one WebDriver command may take, starting Chromium included. */
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  /** How long the processes get to exit after quit before they count as orphans. */
  private static final long EXIT_SECONDS = 20;

  private final String name;
  private final Path home;
  private final ChromeDriverService service;
  private final ChromeDriver driver;

  private Chromium(String name, Path home, ChromeDriverService service, ChromeDriver driver) {
    this.name = name;
    this.home = home;
    this.service = service;
    this.driver = driver;
  }

  /**
   * Starts chromedriver on a free loopback port and a headless Chromium under it, with {@code
   * extraArguments} after the ones this machine needs.
   */
  static Chromium launch(String name, String... extraArguments) {
    Path home;
    try {
      home = Files.createTempDirectory("sluice-chromium-" + name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(home.resolve("chromedriver.log").toFile())
            .build();
    ChromeOptions options =
        new ChromeOptions()
            .setBinary(BROWSER.toFile())
            // As this kind of machine needs them: no sandbox as root, no GPU, and nothing that
            // reaches for the network on its own (the machine's closed network refuses it, slowly).
            .addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-proxy-server",
                "--window-size=1280,900",
                "--user-data-dir=" + home.resolve("profile"))
            .addArguments(extraArguments);
    // The page's console, for the diagnostics of a failed test.
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    // Every WebDriver command is bounded, so that a hung browser fails the test instead of
    // holding it for Selenium's default of three minutes per command.
    ClientConfig client = ClientConfig.defaultConfig().readTimeout(COMMAND_TIMEOUT);
    try {
      return new Chromium(name, home, service, new ChromeDriver(service, options, client));
    } catch (RuntimeException e) {
      service.stop();
      deleteTree(home);
      throw e;
    }
  }

  String name() {
    return name;
  }

  ChromeDriver driver() {
    return driver;
  }

  /**
   * Writes what this tab shows into {@code dir}: a screenshot, the live DOM, the page's console and
   * chromedriver's log, each named after {@code prefix} and this tab. Reports what it could not
   * write instead of throwing, since it runs when a test has failed already.
   */
  void saveDiagnostics(Path dir, String prefix) {
    String base = prefix + "-" + name;
    List<String> problems = new ArrayList<>();
    attempt(
        problems,
        "screenshot",
        () -> Files.write(dir.resolve(base + ".png"), driver.getScreenshotAs(OutputType.BYTES)));
    attempt(
        problems,
        "DOM",
        () ->
            Files.writeString(
                dir.resolve(base + ".html"),
                "<!-- " + driver.getCurrentUrl() + " -->\n" + driver.getPageSource()));
    attempt(
        problems,
        "console",
        () ->
            Files.write(
                dir.resolve(base + "-console.txt"),
                driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::toString)
                    .collect(Collectors.toList()),
                StandardCharsets.UTF_8));
    attempt(
        problems,
        "chromedriver log",
        () ->
            Files.copy(
                home.resolve("chromedriver.log"),
                dir.resolve(base + "-chromedriver.log"),
                StandardCopyOption.REPLACE_EXISTING));
    if (!problems.isEmpty()) {
      attempt(
          new ArrayList<>(),
          "problems",
          () -> Files.write(dir.resolve(base + "-unsaved.txt"), problems, StandardCharsets.UTF_8));
    }
  }

  /**
   * Quits the browser and stops chromedriver, then waits until both and every process Chromium
   * started (renderers, zygotes, utilities) have exited; kills and reports any that did not.
   */
  @Override
  public void close() {
    List<ProcessHandle> processes = processes();
    List<String> problems = new ArrayList<>();
    try {
      driver.quit();
    } catch (RuntimeException e) {
      problems.add("quit failed: " + e);
    } finally {
      service.stop();
    }
    List<ProcessHandle> left = awaitExit(processes);
    if (!left.isEmpty()) {
      problems.add(
          "still running "
              + EXIT_SECONDS
              + " s after quit, killed: "
              + left.stream().map(Chromium::describe).collect(Collectors.joining("; ")));
      left.forEach(ProcessHandle::destroyForcibly);
    }
    deleteTree(home);
    if (!problems.isEmpty()) {
      throw new AssertionError("Chromium '" + name + "' did not stop cleanly: " + problems);
    }
  }

  /**
   * chromedriver (a child of this JVM) with everything under it, and any process that names this
   * browser's profile, in case one left that tree (a crash handler double-forks).
   */
  private List<ProcessHandle> processes() {
    String driverPath = realPath(DRIVER);
    String profile = home.toString();
    List<ProcessHandle> found = new ArrayList<>();
    ProcessHandle.current()
        .children()
        .filter(p -> p.info().command().map(c -> c.equals(driverPath)).orElse(false))
        .filter(
            p ->
                p.info()
                    .arguments()
                    .map(a -> List.of(a).contains("--port=" + service.getUrl().getPort()))
                    .orElse(false))
        .forEach(
            p -> {
              found.add(p);
              p.descendants().forEach(found::add);
            });
    ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(profile)).orElse(false))
        .filter(p -> !found.contains(p))
        .forEach(found::add);
    return found;
  }

  private static List<ProcessHandle> awaitExit(List<ProcessHandle> processes) {
    CompletableFuture<?>[] exits =
        processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(exits).get(EXIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      // reported below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
    return processes.stream().filter(ProcessHandle::isAlive).collect(Collectors.toList());
  }

  private static String describe(ProcessHandle process) {
    return process.pid() + " " + process.info().command().orElse("?");
  }

  private static String realPath(Path path) {
    try {
      return path.toRealPath().toString();
    } catch (IOException e) {
      return path.toString();
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      // a temporary directory; what is left of it harms no one
    }
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private static void attempt(List<String> problems, String what, IoAction action) {
    try {
      action.run();
    } catch (IOException | RuntimeException e) {
      problems.add(what + ": " + e);
    }
  }
}
