package dev.sluice.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.sluice.processor.TestSources.compile;
import static dev.sluice.processor.TestSources.compileStrictly;
import static dev.sluice.processor.TestSources.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code @Authenticated}: one test per rule, with the message and the line it lands on. */
class AuthenticatedErrorsTest {
  private static JavaFileObject endpoint(String name, String parameters) {
    return source(
        name,
        "public class " + name + " {",
        "  public record User(String name) {}",
        "",
        "  @SseEndpoint(\"/me\")",
        "  public Stream<String> events(" + parameters + ") {",
        "    return null;",
        "  }",
        "}");
  }

  private static void assertSingleError(
      Compilation compilation, JavaFileObject source, String message, String line) {
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
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
    assertThat(compileStrictly(source)).succeededWithoutWarnings();
  }

  @Test
  void primitivePrincipal_isRejected() {
    JavaFileObject source = endpoint("PrimitivePrincipal", "@Authenticated long userId");
    assertSingleError(
        compile(source),
        source,
        Messages.AUTHENTICATED_TYPE.format("userId", "long"),
        "long userId");
  }

  @Test
  void principalWithTypeArguments_isRejected() {
    JavaFileObject source = endpoint("GenericPrincipal", "@Authenticated List<String> roles");
    assertSingleError(
        compile(source),
        source,
        Messages.AUTHENTICATED_TYPE.format("roles", "List<String>"),
        "List<String> roles");
  }

  @Test
  void rawGenericPrincipal_isRejected() {
    JavaFileObject source =
        endpoint("RawPrincipal", "@SuppressWarnings(\"rawtypes\")" + " @Authenticated List roles");
    assertSingleError(
        compile(source), source, Messages.AUTHENTICATED_TYPE.format("roles", "List"), "List roles");
  }

  @Test
  void arrayPrincipal_isRejected() {
    JavaFileObject source = endpoint("ArrayPrincipal", "@Authenticated User[] users");
    assertSingleError(
        compile(source),
        source,
        Messages.AUTHENTICATED_TYPE.format("users", "ArrayPrincipal.User[]"),
        "User[] users");
  }

  @Test
  void optionalOfWildcard_isRejected() {
    JavaFileObject source =
        endpoint("WildcardPrincipal", "@Authenticated Optional<? extends User> user");
    assertSingleError(
        compile(source),
        source,
        Messages.AUTHENTICATED_TYPE.format("user", "Optional<? extends WildcardPrincipal.User>"),
        "Optional<? extends User> user");
  }

  @Test
  void principalWithAnotherSluiceAnnotation_isRejected() {
    JavaFileObject source =
        endpoint("Combined", "@Authenticated @HeaderParam(\"Authorization\") String token");
    assertSingleError(
        compile(source),
        source,
        Messages.AUTHENTICATED_COMBINED.format("token", "@HeaderParam", "@HeaderParam"),
        "String token");
  }

  @Test
  void twoPrincipals_areRejectedOnTheSecond() {
    JavaFileObject source =
        source(
            "TwoPrincipals",
            "public class TwoPrincipals {",
            "  public record User(String name) {}",
            "",
            "  @SseEndpoint(\"/me\")",
            "  public Stream<String> events(",
            "      @Authenticated User user,",
            "      @Authenticated Optional<User> again) {",
            "    return null;",
            "  }",
            "}");
    assertSingleError(
        compile(source),
        source,
        Messages.DUPLICATE_AUTHENTICATED.format("events()", "user", "again"),
        "Optional<User> again");
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
    assertSingleError(
        compile(source),
        source,
        Messages.MISPLACED_ANNOTATION.format("Authenticated", "helper()"),
        "@Authenticated String user");
  }

  @Test
  void inaccessiblePrincipal_isRejectedOnTheParameter() {
    JavaFileObject source =
        source(
            "HiddenPrincipal",
            "public class HiddenPrincipal {",
            "  private record User(String name) {}",
            "",
            "  @SseEndpoint(\"/me\")",
            "  public Stream<String> events(@Authenticated User user) {",
            "    return null;",
            "  }",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[SluiceInaccessibleType]")
        .inFile(source)
        .onLineContaining("User user");
  }
}
