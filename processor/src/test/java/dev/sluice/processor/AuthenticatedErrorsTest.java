package dev.sluice.processor;

import static dev.sluice.processor.ExpectedErrors.assertErrors;
import static dev.sluice.processor.ExpectedErrors.error;
import static dev.sluice.processor.TestSources.assertCompilesCleanly;
import static dev.sluice.processor.TestSources.compile;
import static dev.sluice.processor.TestSources.endpoint;
import static dev.sluice.processor.TestSources.source;

import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code @Authenticated}: one test per rule, with the message and the line it lands on. */
class AuthenticatedErrorsTest {
  private static final List<String> USER = List.of("public record User(String name) {}");

  /** A class {@code name} with a record User and one endpoint taking {@code parameters}. */
  private static JavaFileObject endpointTaking(String name, String parameters) {
    return endpoint(
        "public class " + name, USER, "/me", "public Stream<String> events(" + parameters + ")");
  }

  @Test
  void principalAndOptionalPrincipal_compileWithoutWarnings() {
    JavaFileObject source =
        source(
            "Fine",
            "public class Fine {",
            "  public record User(String name) {}",
            "",
            "  @SseEndpoint(\"/me\")",
            "  public Stream<String> me(@Authenticated User user) {",
            "    return null;",
            "  }",
            "",
            "  @SseEndpoint(\"/rooms/{room}\")",
            "  public Stream<String> room(",
            "      @PathParam(\"room\") String room, @Authenticated Optional<User> user) {",
            "    return null;",
            "  }",
            "",
            "  @SseEndpoint(\"/named\")",
            "  public Stream<String> named(@Authenticated String name) {",
            "    return null;",
            "  }",
            "",
            "  @SseEndpoint(\"/anyone\")",
            "  public Stream<String> anyone(@Authenticated Object who) {",
            "    return null;",
            "  }",
            "",
            "  @SseEndpoint(\"/maybe\")",
            "  public Stream<String> maybe(@Authenticated Optional<Object> who) {",
            "    return null;",
            "  }",
            "}");
    assertCompilesCleanly(source);
  }

  @Test
  void primitivePrincipal_isRejected() {
    JavaFileObject source = endpointTaking("PrimitivePrincipal", "@Authenticated long userId");
    assertErrors(
        compile(source),
        error(source, Messages.AUTHENTICATED_TYPE.format("userId", "long"), "long userId"));
  }

  @Test
  void principalWithTypeArguments_isRejected() {
    JavaFileObject source = endpointTaking("GenericPrincipal", "@Authenticated List<String> roles");
    assertErrors(
        compile(source),
        error(
            source,
            Messages.AUTHENTICATED_TYPE.format("roles", "List<String>"),
            "List<String> roles"));
  }

  @Test
  void rawGenericPrincipal_isRejected() {
    JavaFileObject source =
        endpointTaking(
            "RawPrincipal", "@SuppressWarnings(\"rawtypes\")" + " @Authenticated List roles");
    assertErrors(
        compile(source),
        error(source, Messages.AUTHENTICATED_TYPE.format("roles", "List"), "List roles"));
  }

  @Test
  void arrayPrincipal_isRejected() {
    JavaFileObject source = endpointTaking("ArrayPrincipal", "@Authenticated User[] users");
    assertErrors(
        compile(source),
        error(
            source,
            Messages.AUTHENTICATED_TYPE.format("users", "ArrayPrincipal.User[]"),
            "User[] users"));
  }

  @Test
  void optionalOfWildcard_isRejected() {
    JavaFileObject source =
        endpointTaking("WildcardPrincipal", "@Authenticated Optional<? extends User> user");
    assertErrors(
        compile(source),
        error(
            source,
            Messages.AUTHENTICATED_TYPE.format(
                "user", "Optional<? extends WildcardPrincipal.User>"),
            "Optional<? extends User> user"));
  }

  @Test
  void principalWithAnotherSluiceAnnotation_isRejected() {
    JavaFileObject source =
        endpointTaking("Combined", "@Authenticated @HeaderParam(\"Authorization\") String token");
    assertErrors(
        compile(source),
        error(
            source,
            Messages.AUTHENTICATED_COMBINED.format("token", "@HeaderParam", "@HeaderParam"),
            "String token"));
  }

  @Test
  void twoPrincipals_areRejectedOnTheSecond() {
    JavaFileObject source =
        endpoint(
            "public class TwoPrincipals",
            USER,
            "/me",
            "public Stream<String> events(",
            "    @Authenticated User user,",
            "    @Authenticated Optional<User> again)");
    assertErrors(
        compile(source),
        error(
            source,
            Messages.DUPLICATE_AUTHENTICATED.format("events()", "user", "again"),
            "Optional<User> again"));
  }

  @Test
  void principalOutsideAnEndpoint_isRejected() {
    JavaFileObject source =
        source(
            "NotAnEndpoint",
            "public class NotAnEndpoint {",
            "  public String helper(@Authenticated String user) {",
            "    return user;",
            "  }",
            "}");
    assertErrors(
        compile(source),
        error(
            source,
            Messages.MISPLACED_ANNOTATION.format("Authenticated", "helper()"),
            "@Authenticated String user"));
  }

  @Test
  void inaccessiblePrincipal_isRejectedOnTheParameter() {
    JavaFileObject source =
        endpoint(
            "public class HiddenPrincipal",
            List.of("private record User(String name) {}"),
            "/me",
            "public Stream<String> events(@Authenticated User user)");
    assertErrors(
        compile(source),
        error(
            source,
            Messages.INACCESSIBLE_TYPE.format(
                "test",
                "parameter 'user'",
                "HiddenPrincipal.User",
                "HiddenPrincipal.User",
                "private",
                "package-private or public"),
            "User user"));
  }
}
