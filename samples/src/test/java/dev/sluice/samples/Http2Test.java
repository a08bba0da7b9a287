package dev.sluice.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.test.SluiceExtension;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HTTP/2: h2c by upgrade and by prior knowledge, h2 over TLS, many streams on one connection. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Http2Test {
  private static final String TEXT =
      "data: one\n\ndata: two\ndata: lines\n\n"
          + "data:  leading space\n\ndata: \n\ndata: 😀 ünï\n\n";

  private final TestEndpoints endpoints = new TestEndpoints();

  @RegisterExtension
  final SluiceExtension sluice =
      SluiceExtension.serving(endpoints).http(http -> http.version(HttpClient.Version.HTTP_2));

  @Test
  void cleartextUpgrade_servesHttp2() throws Exception {
    HttpClient client = sluice.httpClient();
    // The JDK client upgrades on the first request and reuses the h2 connection after it.
    client.send(sluice.request("/rooms/lobby").build(), BodyHandlers.ofString());
    HttpResponse<String> response =
        client.send(sluice.request("/text").build(), BodyHandlers.ofString());
    assertEquals(HttpClient.Version.HTTP_2, response.version());
    assertEquals(
        "text/event-stream; charset=UTF-8",
        response.headers().firstValue("content-type").orElseThrow());
    assertEquals(TEXT, response.body());
  }

  @Test
  void priorKnowledge_servesHttp2() throws Exception {
    Process curl =
        new ProcessBuilder(
                "curl",
                "-sS",
                "-N",
                "--http2-prior-knowledge",
                "-o",
                "-",
                "-w",
                "\\n%{http_version}",
                "--max-time",
                "10",
                sluice.uri("/text").toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(curl.waitFor(15, TimeUnit.SECONDS));
    assertEquals(TEXT + "\n2", out);
  }

  @Test
  void tls_negotiatesHttp2ByAlpn() throws Exception {
    TestCertificates certificates = TestCertificates.create();
    sluice.server(server -> server.sslContext(certificates.server)).https(certificates.client);

    HttpResponse<String> response =
        sluice.httpClient().send(sluice.request("/text").build(), BodyHandlers.ofString());
    assertEquals(HttpClient.Version.HTTP_2, response.version());
    assertEquals(TEXT, response.body());
  }

  @Test
  void manyStreams_shareOneConnection() throws Exception {
    HttpClient client = sluice.httpClient();
    client.send(sluice.request("/rooms/lobby").build(), BodyHandlers.ofString());
    int n = 2000;
    String expected =
        IntStream.range(0, n)
            .mapToObj(i -> "data: event-" + i + "\n\n")
            .collect(Collectors.joining());
    List<CompletableFuture<HttpResponse<String>>> streams = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      streams.add(
          client.sendAsync(sluice.request("/burst?n=" + n).build(), BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> stream : streams) {
      HttpResponse<String> response = stream.get(20, TimeUnit.SECONDS);
      assertEquals(HttpClient.Version.HTTP_2, response.version());
      assertEquals(expected, response.body());
    }
  }

  @Test
  void resetStream_cancelsOnlyThatStream() throws Exception {
    HttpClient client = sluice.httpClient();
    client.send(sluice.request("/rooms/lobby").build(), BodyHandlers.ofString());
    HttpResponse<InputStream> blocking =
        client.send(sluice.request("/blocking").build(), BodyHandlers.ofInputStream());
    HttpResponse<InputStream> hanging =
        client.send(sluice.request("/hanging").build(), BodyHandlers.ofInputStream());
    assertEquals(HttpClient.Version.HTTP_2, blocking.version());
    try (InputStream in = blocking.body()) {
      assertEquals("data: first\n\n", new EventReader(in).next());
    }
    assertTrue(
        endpoints.blockingStreamClosed.await(2, TimeUnit.SECONDS),
        "the reset stream was closed within 2 s");
    try (InputStream in = hanging.body()) {
      assertEquals("data: first\n\n", new EventReader(in).next());
      assertEquals(1, endpoints.hanging.cancelled.getCount(), "the sibling stream lives on");
    }
    assertTrue(endpoints.hanging.cancelled.await(2, TimeUnit.SECONDS));
  }
}
