package dev.sluice.samples.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.samples.access.AccessEndpoints.User;
import dev.sluice.test.SluiceExtension;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tokens stay out of logs: requests carrying a secret in the query string, a cookie and {@code
 * Authorization}, refused in every way Sluice refuses (and a failing authenticator whose exception
 * quotes the credential), while every record of every logger is captured, Sluice's at every level.
 * Lines are throttled over the whole process, so the causes are repeated until the lines that must
 * appear have appeared, for longer than the throttle's 10 seconds at most.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NoSecretsInLogsTest {
  private static final String QUERY_SECRET = "SECRET-QUERY-7f3a";
  private static final String COOKIE_SECRET = "SECRET-COOKIE-91bc";
  private static final String AUTH_SECRET = "SECRET-AUTH-44de";
  private static final List<String> SECRETS = List.of(QUERY_SECRET, COOKIE_SECRET, AUTH_SECRET);
  private static final long LONGER_THAN_THE_THROTTLE_NANOS = TimeUnit.SECONDS.toNanos(15);

  private static final Logger ROOT = Logger.getLogger("");
  private static final Logger SLUICE = Logger.getLogger("dev.sluice");

  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler recorder =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private Level sluiceLevel;

  /** Started by the test's first request, after the records are captured. */
  @RegisterExtension
  final SluiceExtension sluice =
      SluiceExtension.serving(new AccessEndpoints(), new CorsEndpoints(), new RotationEndpoints())
          .server(
              server ->
                  server
                      .authenticator(
                          User.class, AuthenticationTest.sessions(new AtomicReference<>()))
                      .allowedOrigins("https://app.example"));

  private final Http http = new Http(sluice::port);
  private final HttpClient streaming =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void record() {
    recorder.setLevel(Level.ALL);
    ROOT.addHandler(recorder);
    sluiceLevel = SLUICE.getLevel();
    SLUICE.setLevel(Level.ALL); // DEBUG and TRACE lines too: they must be clean as well
  }

  @AfterEach
  void stopRecording() {
    ROOT.removeHandler(recorder);
    SLUICE.setLevel(sluiceLevel);
  }

  private static String formatted(LogRecord record) {
    return new SimpleFormatter().format(record); // the message and the whole stack trace
  }

  private boolean logged(String text) {
    return records.stream().anyMatch(r -> formatted(r).contains(text));
  }

  @Test
  void refusalsAndFailures_logNoQueryStringCookieOrAuthorization() throws Exception {
    String query = "?token=" + QUERY_SECRET;
    String[] credentials = {
      "Cookie",
      "session=" + COOKIE_SECRET + "; other=" + COOKIE_SECRET,
      "Authorization",
      "Bearer " + AUTH_SECRET
    };
    long deadline = System.nanoTime() + LONGER_THAN_THE_THROTTLE_NANOS;
    do {
      // The authenticator fails, its exception quoting the cookie: 500.
      assertEquals(
          500,
          http.get(
                  "/hello" + query,
                  "Cookie",
                  "session=boom-" + COOKIE_SECRET,
                  "Authorization",
                  "Bearer " + AUTH_SECRET)
              .statusCode());
      // The authenticator refuses an unknown session: 401.
      assertEquals(401, http.get("/me" + query, credentials).statusCode());
      // Anonymous to an endpoint requiring a principal: 401.
      assertEquals(401, http.get("/me" + query).statusCode());
      // A page of another origin: 403, logged.
      assertEquals(
          403,
          http.get(
                  "/news" + query,
                  "Origin",
                  "https://evil.example",
                  credentials[0],
                  credentials[1],
                  credentials[2],
                  credentials[3])
              .statusCode());
      // No route, wrong method, bad parameter.
      assertEquals(404, http.get("/nothing" + query, credentials).statusCode());
      assertEquals(
          405,
          http.send(
                  http.request("/me" + query, credentials)
                      .POST(HttpRequest.BodyPublishers.ofString(AUTH_SECRET))
                      .build())
              .statusCode());
    } while (!(logged("An authenticator failed") && logged("Refused a request with 403"))
        && System.nanoTime() < deadline);
    // A head over maxHeaderSize, the secret in it: 431.
    assertEquals(
        431,
        http.get("/open" + query, "Cookie", "session=" + COOKIE_SECRET + "x".repeat(20_000))
            .statusCode());
    // A stream resuming after an id the history does not hold (the secret as the id), which
    // the broadcast logs; then the client leaves.
    HttpResponse<InputStream> stream =
        streaming.send(
            http.request(
                    "/rotation/feed?lastEventId=" + QUERY_SECRET,
                    "Cookie",
                    "session=s-ada; other=" + COOKIE_SECRET,
                    "Authorization",
                    "Bearer " + AUTH_SECRET)
                .GET()
                .build(),
            BodyHandlers.ofInputStream());
    assertEquals(200, stream.statusCode());
    try (InputStream body = stream.body()) {
      StringBuilder seen = new StringBuilder();
      while (!seen.toString().endsWith("\n\n")) {
        int b = body.read();
        if (b < 0) {
          break;
        }
        seen.append((char) b);
      }
      assertTrue(seen.toString().contains("event: sluice-history-lost\n"), seen.toString());
    }

    assertTrue(logged("An authenticator failed"), "the failure is logged: " + all());
    assertTrue(logged("java.lang.IllegalStateException (message withheld"), all());
    assertTrue(logged("Refused a request with 403"), all());
    assertFalse(logged("session store down"), "the authenticator's message is withheld");
    for (String secret : SECRETS) {
      assertFalse(logged(secret), secret + " was logged: " + all());
    }
  }

  private String all() {
    return records.stream().map(NoSecretsInLogsTest::formatted).collect(Collectors.joining());
  }
}
