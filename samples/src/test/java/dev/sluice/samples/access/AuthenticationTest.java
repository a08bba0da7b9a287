package dev.sluice.samples.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.SseAuthenticator;
import dev.sluice.SseEvent;
import dev.sluice.SseHandler;
import dev.sluice.SseServer;
import dev.sluice.SseStats.Refusal;
import dev.sluice.SseStatusException;
import dev.sluice.client.EventStream;
import dev.sluice.client.SseClient;
import dev.sluice.samples.access.AccessEndpoints.User;
import dev.sluice.test.SluiceExtension;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Authentication before the stream, over real sockets: the authenticator's principal reaches the
 * endpoint; anonymous, wrong and failing credentials are refused before the endpoint runs and
 * before a broadcast replays anything.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AuthenticationTest {
  static final String CHALLENGE = "Session realm=\"test\"";
  static final Map<String, User> SESSIONS =
      Map.of("s-ada", new User("ada"), "s-bob", new User("bob"));

  private final AccessEndpoints endpoints = new AccessEndpoints();

  /** What the authenticator saw last, and on which thread. */
  private final AtomicReference<String> seen = new AtomicReference<>();

  @RegisterExtension
  final SluiceExtension sluice =
      SluiceExtension.serving(endpoints)
          .server(server -> server.authenticator(User.class, sessions(seen), CHALLENGE));

  private final Http http = new Http(sluice::port);

  /**
   * Sessions by cookie, or a bearer token; an unknown session is refused with 401, and the session
   * {@code boom} makes the store fail with the credential in its message.
   */
  static SseAuthenticator<User> sessions(AtomicReference<String> seen) {
    return request -> {
      seen.set(
          Thread.currentThread().getName()
              + " "
              + request.method()
              + " "
              + request.path()
              + " "
              + request.endpoint()
              + " "
              + request.pathParam("room").orElse("-")
              + " "
              + request.queryParam("q").orElse("-")
              + " "
              + request.header("X-Test").orElse("-")
              + " "
              + request.remoteAddress().getAddress().getHostAddress()
              + " "
              + request.secure());
      Optional<String> session =
          request
              .cookie("session")
              .or(() -> request.header("Authorization").map(value -> value.replace("Bearer ", "")));
      if (session.isEmpty()) {
        return null;
      }
      if (session.get().startsWith("boom")) {
        throw new IllegalStateException("session store down while looking up " + session.get());
      }
      User user = SESSIONS.get(session.get());
      if (user == null) {
        throw SseStatusException.unauthorized(CHALLENGE, "Unknown session; sign in again");
      }
      return user;
    };
  }

  private long refused(Refusal refusal) {
    return sluice.stats().refused().get(refusal);
  }

  @Test
  void requiredPrincipal_withTheSessionCookie_streamsToThatUser() throws Exception {
    HttpResponse<String> response = http.get("/me", "Cookie", "theme=dark; session=s-ada");
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("data: hello ada\n\n", response.body());

    HttpResponse<String> bearer = http.get("/me", "Authorization", "Bearer s-bob");
    assertEquals("data: hello bob\n\n", bearer.body());
  }

  @Test
  void requiredPrincipal_anonymous_is401WithTheChallenge_andTheEndpointIsNotCalled()
      throws Exception {
    HttpResponse<String> response = http.get("/me");

    assertEquals(401, response.statusCode());
    assertEquals(Optional.of(CHALLENGE), response.headers().firstValue("WWW-Authenticate"));
    assertEquals(0, endpoints.calls.get());
    assertEquals(1L, refused(Refusal.UNAUTHENTICATED));
  }

  @Test
  void wrongCookie_is401AsTheAuthenticatorSays() throws Exception {
    HttpResponse<String> response = http.get("/me", "Cookie", "session=forged");

    assertEquals(401, response.statusCode());
    assertEquals("Unknown session; sign in again\n", response.body());
    assertEquals(Optional.of(CHALLENGE), response.headers().firstValue("WWW-Authenticate"));
    assertEquals(0, endpoints.calls.get());
    assertEquals(1L, refused(Refusal.AUTHENTICATION_REFUSED));
  }

  @Test
  void optionalPrincipal_admitsAnonymousRequests_andNamesSignedInOnes() throws Exception {
    assertEquals("data: hello stranger\n\n", http.get("/hello").body());
    assertEquals("data: hello ada\n\n", http.get("/hello", "Cookie", "session=s-ada").body());
    assertEquals(401, http.get("/hello", "Cookie", "session=forged").statusCode());
  }

  @Test
  void endpointWithoutAPrincipal_stillPassesTheAuthenticator() throws Exception {
    assertEquals("data: open to all\n\n", http.get("/open").body());
    assertEquals(401, http.get("/open", "Cookie", "session=forged").statusCode());
  }

  @Test
  void failingAuthenticator_is500WithoutDetails_andTheServerServesOn() throws Exception {
    HttpResponse<String> response = http.get("/hello", "Cookie", "session=boom-secret");

    assertEquals(500, response.statusCode());
    assertEquals("Internal Server Error\n", response.body());
    assertEquals(1L, refused(Refusal.AUTHENTICATION_ERROR));
    assertEquals(0, endpoints.calls.get());
    assertEquals("data: hello ada\n\n", http.get("/hello", "Cookie", "session=s-ada").body());
  }

  @Test
  void authenticator_runsOffTheIoThread_andSeesTheRequest() throws Exception {
    http.get("/rooms/lobby/events?q=find%20me", "X-Test", "yes");

    String[] view = seen.get().split(" ");
    assertFalse(view[0].contains("I/O"), seen.get());
    assertEquals(
        List.of(
            "GET",
            "/rooms/lobby/events",
            "/rooms/{room}/events",
            "lobby",
            "find",
            "me",
            "yes",
            "127.0.0.1",
            "false"),
        List.of(view).subList(2, 11),
        seen.get());
  }

  @Test
  void tooManyCookies_is400_notAFailure() throws Exception {
    String cookies =
        IntStream.range(0, 250).mapToObj(i -> "c" + i + "=v").collect(Collectors.joining("; "));
    HttpResponse<String> response = http.get("/me", "Cookie", cookies);

    assertEquals(400, response.statusCode(), response.body());
    assertEquals("Bad Request: Malformed Cookie header\n", response.body());
    assertEquals(0L, refused(Refusal.AUTHENTICATION_ERROR));
  }

  @Test
  void refusedGrant_is403_andReplaysNothing_whileAMemberGetsTheHistory() throws Exception {
    SseEvent<String> first = endpoints.room("secret").publish("one");
    endpoints.room("secret").publish("two");
    endpoints.room("secret").publish("three");

    HttpResponse<String> bob =
        http.get("/rooms/secret/events", "Cookie", "session=s-bob", "Last-Event-ID", first.id());
    assertEquals(403, bob.statusCode());
    assertEquals("Not a member of secret\n", bob.body());
    HttpResponse<String> anonymous = http.get("/rooms/secret/events", "Last-Event-ID", first.id());
    assertEquals(401, anonymous.statusCode());
    assertFalse(anonymous.body().contains("two"), anonymous.body());

    SseClient client = sluice.client();
    try (EventStream<String> ada =
        client
            .request("/rooms/secret/events")
            .header("Cookie", "session=s-ada")
            .lastEventId(first.id())
            .events(String.class)) {
      assertEquals(List.of("two", "three"), ada.take(2));
    }
  }

  @Test
  void principalNoAuthenticatorProvides_stopsTheServerFromStarting() {
    IllegalArgumentException withNone =
        assertThrows(
            IllegalArgumentException.class,
            () -> SseServer.builder().port(0).register(new AccessEndpoints()).start());
    assertTrue(
        withNone
            .getMessage()
            .contains(
                "The endpoint /me (AccessEndpoints.me) takes an"
                    + " @Authenticated dev.sluice.samples.access.AccessEndpoints$User, but no"
                    + " authenticator provides one"),
        withNone.getMessage());

    IllegalArgumentException withAnother =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SseHandler.builder()
                    .authenticator(String.class, request -> "someone")
                    .register(new AccessEndpoints())
                    .build());
    assertTrue(
        withAnother.getMessage().contains("AccessEndpoints$User, but no authenticator"),
        withAnother.getMessage());
  }

  @Test
  void principalTwoAuthenticatorsProvide_stopsTheServerFromStarting() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SseHandler.builder()
                    .authenticator(User.class, request -> null)
                    .authenticator(String.class, request -> null)
                    .register(new AnyPrincipal())
                    .build());
    assertTrue(
        e.getMessage()
            .contains(
                "/who (AnyPrincipal.who) takes an @Authenticated"
                    + " java.lang.Object, which more than one authenticator provides"),
        e.getMessage());
  }

  @Test
  void authenticatorOptions_areCheckedAsTheyAreGiven() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SseServer.builder()
                .authenticator(User.class, request -> null)
                .authenticator(User.class, request -> null));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SseServer.builder()
                .authenticator(User.class, request -> null, "Bearer\r\nX-Injected: yes"));
  }
}
