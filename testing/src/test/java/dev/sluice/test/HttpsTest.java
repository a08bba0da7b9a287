package dev.sluice.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.client.EventStream;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** https(..): a server with a key is read over TLS, HTTP/2 by ALPN, by clients that trust it. */
class HttpsTest {
  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir static Path dir;
  private static SSLContext serverContext;
  private static SSLContext clientContext;

  @RegisterExtension
  final SluiceExtension sluice =
      SluiceExtension.serving(new GreetingEndpoints()).client(client -> client.reconnect(false));

  /** A self-signed key for 127.0.0.1, made by the JDK's keytool; contexts for both ends. */
  @BeforeAll
  static void keys() throws Exception {
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "test",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "san=ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                dir.resolve("test.p12").toString(),
                "-storepass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertTrue(keytool.waitFor(30, TimeUnit.SECONDS), "keytool hung");
    assertEquals(0, keytool.exitValue(), output);

    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve("test.p12"))) {
      keys.load(in, PASSWORD);
    }
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, PASSWORD);
    serverContext = SSLContext.getInstance("TLS");
    serverContext.init(keyManagers.getKeyManagers(), null, null);

    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("test", keys.getCertificate("test"));
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trusted);
    clientContext = SSLContext.getInstance("TLS");
    clientContext.init(null, trustManagers.getTrustManagers(), null);
  }

  @BeforeEach
  void tls() {
    sluice.server(server -> server.sslContext(serverContext)).https(clientContext);
  }

  @Test
  void baseUri_isHttps_andTheClientsTrustTheServer() throws Exception {
    assertEquals("https://127.0.0.1:" + sluice.port() + "/", sluice.baseUri().toString());
    try (EventStream<Greeting> greetings = sluice.client().events("/greetings", Greeting.class)) {
      assertEquals(List.of(new Greeting("hello"), new Greeting("world")), greetings.toList());
    }
    HttpResponse<String> response =
        sluice
            .httpClient()
            .send(
                HttpRequest.newBuilder(sluice.uri("/greetings")).build(), BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    assertEquals(HttpClient.Version.HTTP_2, response.version(), "by ALPN");
  }
}
