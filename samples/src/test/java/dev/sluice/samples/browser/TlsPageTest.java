package dev.sluice.samples.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.samples.DemoServer;
import dev.sluice.samples.DemoTlsTest;
import dev.sluice.test.SluiceExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo with {@code --tls}, in a real Chromium: the browser negotiates HTTP/2 by ALPN, the page
 * says so, and its streams flow over it.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // only against a hung browser; every wait is bounded
class TlsPageTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @RegisterExtension final Browsers browsers = new Browsers();
  @TempDir Path dir;

  /** The demo with the README's key: the browser is the client, and trusts it blindly. */
  @RegisterExtension
  final SluiceExtension sluice =
      SluiceExtension.starting(
          port ->
              DemoServer.start(
                  "127.0.0.1",
                  port,
                  DemoServer.sslContext(DemoTlsTest.makeKeyStore(dir), "changeit".toCharArray())));

  @Test
  void pageOverTls_cameOverH2_andItsStreamsDeliver() throws Exception {
    sluice.start();
    // The certificate is the demo's self-signed one, which this Chromium cannot know.
    Chromium tab = browsers.launch("tls", "--ignore-certificate-errors");

    DemoPage page = DemoPage.open(tab, "https://localhost:" + sluice.port() + "/");

    assertEquals("h2", page.protocol(TIMEOUT));
    page.await(
        "three events in /events over TLS",
        TIMEOUT,
        boxes -> boxes.get("/events").events().size() >= 3);
  }
}
