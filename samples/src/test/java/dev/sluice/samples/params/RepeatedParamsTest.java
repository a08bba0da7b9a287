package dev.sluice.samples.params;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.test.SluiceExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** List and Set parameters over a real socket. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class RepeatedParamsTest {
  @RegisterExtension
  final SluiceExtension sluice =
      SluiceExtension.serving(new RepeatedParamEndpoints())
          .http(http -> http.version(HttpClient.Version.HTTP_1_1));

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = sluice.request(path);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return sluice.httpClient().send(request.build(), BodyHandlers.ofString());
  }

  @Test
  void repeatedValues_arriveInRequestOrder() throws Exception {
    HttpResponse<String> response =
        get(
            "/repeated?tag=b&tag=a&tag=b&level=HIGH&level=LOW&level=HIGH&every=PT1S",
            "X-Trace",
            "7",
            "X-Trace",
            "5");

    assertEquals(200, response.statusCode(), response.body());
    assertEquals(
        "data: tags [b, a, b]\n\n"
            + "data: levels [HIGH, LOW]\n\n"
            + "data: every [PT1S]\n\n"
            + "data: traces [7, 5]\n\n",
        response.body());
  }

  @Test
  void absentValues_areEmpty() throws Exception {
    HttpResponse<String> response = get("/repeated");

    assertEquals(200, response.statusCode(), response.body());
    assertEquals(
        "data: tags []\n\ndata: levels []\n\ndata: every []\n\ndata: traces []\n\n",
        response.body());
  }

  @Test
  void oneBadValue_isA400NamingIt() throws Exception {
    HttpResponse<String> response = get("/repeated?level=LOW&level=MEDIUM");

    assertEquals(400, response.statusCode());
    assertEquals(
        "Bad Request: Invalid query parameter 'level': expected one of LOW, HIGH, got 'MEDIUM'\n",
        response.body());
  }
}
