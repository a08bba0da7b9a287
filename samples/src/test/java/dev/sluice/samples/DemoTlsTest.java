package dev.sluice.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.test.SluiceExtension;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --tls KEYSTORE}: a key store made with the README's one keytool command serves the demo
 * over HTTPS with HTTP/2 by ALPN, and the chat's session cookie is then {@code Secure}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public class DemoTlsTest {
  /** The README's command, as it is written there. */
  static final List<String> KEYTOOL =
      List.of(
          "-genkeypair",
          "-alias",
          "sluice",
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-validity",
          "365",
          "-dname",
          "CN=localhost",
          "-ext",
          "san=dns:localhost,ip:127.0.0.1",
          "-storetype",
          "PKCS12",
          "-keystore",
          "demo.p12",
          "-storepass",
          "changeit");

  @TempDir Path dir;
  private SSLContext key;

  @RegisterExtension
  final SluiceExtension sluice =
      SluiceExtension.starting(port -> DemoServer.start("127.0.0.1", port, key))
          .http(http -> http.version(HttpClient.Version.HTTP_2));

  @BeforeEach
  void keys() throws Exception {
    Path keyStore = makeKeyStore(dir);
    key = DemoServer.sslContext(keyStore, "changeit".toCharArray());
    sluice.https(trusting(keyStore));
  }

  /**
   * Runs the README's keytool command in {@code dir}: a self-signed key for localhost and 127.0.0.1
   * in {@code demo.p12}, password {@code changeit}.
   */
  public static Path makeKeyStore(Path dir) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(concat(keytool.toString(), KEYTOOL))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String output;
    try (InputStream out = process.getInputStream()) {
      output = new String(out.readAllBytes());
    }
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "keytool hung");
    assertEquals(0, process.exitValue(), output);
    return dir.resolve("demo.p12");
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(rest);
    return all;
  }

  /** A client context trusting the demo's self-signed certificate, and nothing else. */
  private static SSLContext trusting(Path keyStore) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("sluice", keys.getCertificate("sluice"));
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  @Test
  void demo_servesHttpsWithHttp2ByAlpn_andThePageShowsItsProtocol() throws Exception {
    HttpResponse<String> page =
        sluice.httpClient().send(sluice.request("/").build(), BodyHandlers.ofString());

    assertEquals(200, page.statusCode());
    assertEquals(HttpClient.Version.HTTP_2, page.version());
    assertTrue(page.body().contains("performance.getEntriesByType('navigation')"), page.body());
  }

  @Test
  void chatSession_overTls_isASecureCookie_andStreamsOverHttp2() throws Exception {
    HttpResponse<String> login =
        sluice
            .httpClient()
            .send(
                sluice
                    .request("/login")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"ada\"}"))
                    .build(),
                BodyHandlers.ofString());
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(setCookie.contains("; Secure"), setCookie);
    assertTrue(setCookie.contains("; HttpOnly"), setCookie);

    HttpResponse<InputStream> events =
        sluice
            .httpClient()
            .send(
                sluice
                    .request("/rooms/lobby/events")
                    .header("Cookie", setCookie.substring(0, setCookie.indexOf(';')))
                    .build(),
                BodyHandlers.ofInputStream());
    events.body().close();
    assertEquals(200, events.statusCode());
    assertEquals(HttpClient.Version.HTTP_2, events.version());
  }
}
