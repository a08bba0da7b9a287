package dev.sluice.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.test.SluiceExtension;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

/** Signs in to the demo's chat as its page does, for the tests that post and read as its users. */
public final class ChatLogin {
  private ChatLogin() {}

  /**
   * Signs in as {@code name} on {@code demo}'s server; the session cookie, as {@code name=value}.
   */
  public static String login(SluiceExtension demo, String name) throws Exception {
    HttpResponse<String> response =
        demo.httpClient()
            .send(
                demo.request("/login")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}"))
                    .build(),
                BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }
}
