package dev.sluice.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.test.SluiceExtension;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

/** Whole answers of streams that end, for the tests that assert their exact bytes. */
public final class Bodies {
  private Bodies() {}

  /** GETs {@code path} with {@code server}'s HTTP client, asserts a 200, and returns the body. */
  public static String of(SluiceExtension server, String path) throws Exception {
    HttpResponse<String> response =
        server.httpClient().send(server.request(path).build(), BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }
}
