package dev.sluice.samples.access;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** Requests whose answers end (refusals, streams of a few events), each under a timeout. */
final class Http {
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final IntSupplier port;

  /** Requests to the server at {@code port}, asked for at each request: {@code sluice::port}. */
  Http(IntSupplier port) {
    this.port = port;
  }

  HttpRequest.Builder request(String path, String... headers) {
    return request(port.getAsInt(), path, headers);
  }

  /** A request to {@code path} on the server at {@code port}, with these headers. */
  static HttpRequest.Builder request(int port, String path, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return request;
  }

  /** GET {@code path} with these header names and values, the whole answer read. */
  HttpResponse<String> get(String path, String... headers) throws Exception {
    return client.send(request(path, headers).GET().build(), BodyHandlers.ofString());
  }

  HttpResponse<String> send(HttpRequest request) throws Exception {
    return client.send(request, BodyHandlers.ofString());
  }

  /** Polls {@code condition} until it holds; fails with {@code message} after 10 seconds. */
  static void eventually(BooleanSupplier condition, Supplier<String> message)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within 10 s: " + message.get());
      }
      Thread.sleep(10);
    }
  }
}
