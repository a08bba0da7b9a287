package dev.sluice.samples.browser;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Headless Chromium tabs for a test, in an instance field:
 *
 * <pre>{@code
 * @RegisterExtension final Browsers browsers = new Browsers();
 * ...
 * Chromium tab = browsers.launch("ada");
 * }</pre>
 *
 * <p>Each tab is its own Chromium under its own chromedriver, closed after the test (which fails if
 * a process outlives it). When a test fails, each open tab's screenshot, DOM, console and
 * chromedriver log go to {@code target/browser/}, taken before any {@code @AfterEach} stops the
 * server the tab shows.
 *
 * <p>Without Debian's {@code chromium} and {@code chromium-driver} the tests are skipped with the
 * reason, on a developer's machine; under CI ({@code CI=true}, as {@code .ci/run} is run) they fail
 * instead, so that a CI run can never pass without them.
 */
final class Browsers implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {
  static final Path DIAGNOSTICS = Path.of("target", "browser");

  private static final System.Logger LOG = System.getLogger("dev.sluice.samples.browser");
  private static boolean skipReported;

  private final List<Chromium> open = new ArrayList<>();

  /** A new tab, named for its diagnostics' files, with Chromium's {@code extraArguments}. */
  Chromium launch(String name, String... extraArguments) {
    Chromium tab = Chromium.launch(name, extraArguments);
    open.add(tab);
    return tab;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    List<String> missing = new ArrayList<>();
    for (Path path : List.of(Chromium.BROWSER, Chromium.DRIVER)) {
      if (!Files.isExecutable(path)) {
        missing.add(path.toString());
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    String reason =
        "The browser tests need Debian's chromium and chromium-driver, missing here: "
            + String.join(", ", missing)
            + ". Install them with apt-get install chromium"
            + " chromium-driver, as .ci/run does";
    if ("true".equals(System.getenv("CI"))) {
      fail(reason);
    }
    if (!skipReported) {
      // Surefire counts a skipped test without saying why; this says it once.
      skipReported = true;
      LOG.log(Level.WARNING, reason + "; skipped (they fail instead under CI=true)");
    }
    assumeTrue(false, reason);
  }

  @Override
  public void afterTestExecution(ExtensionContext context) throws IOException {
    if (context.getExecutionException().isEmpty() || open.isEmpty()) {
      return;
    }
    Files.createDirectories(DIAGNOSTICS);
    String prefix =
        context.getRequiredTestClass().getSimpleName()
            + "."
            + context.getRequiredTestMethod().getName();
    for (Chromium tab : open) {
      tab.saveDiagnostics(DIAGNOSTICS, prefix);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    AssertionError failure = null;
    for (Chromium tab : open) {
      try {
        tab.close();
      } catch (AssertionError | RuntimeException e) {
        if (failure == null) {
          failure = new AssertionError("Browsers did not stop cleanly", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    open.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
