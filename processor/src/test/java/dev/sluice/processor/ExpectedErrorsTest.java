package dev.sluice.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.sluice.processor.ExpectedErrors.assertErrors;
import static dev.sluice.processor.ExpectedErrors.error;
import static dev.sluice.processor.ExpectedErrors.javacError;
import static dev.sluice.processor.TestSources.compile;
import static dev.sluice.processor.TestSources.endpoint;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The error assertion is as strict as it says: message, file, line and count, and no warnings. */
class ExpectedErrorsTest {
  private static final JavaFileObject PRIVATE =
      endpoint("public class Private", "/events", "private Stream<String> events()");
  private static final JavaFileObject OTHER =
      endpoint("public class Other", "/other", "public Stream<String> other()");
  private static final Compilation FAILED = compile(PRIVATE, OTHER);
  private static final String NOT_PUBLIC = Messages.METHOD_NOT_PUBLIC.format("events()", "private");

  @Test
  void theOneError_passes() {
    assertErrors(FAILED, error(PRIVATE, NOT_PUBLIC, "Stream<String> events()"));
  }

  @Test
  void partOfASluiceMessage_fails() {
    assertThrows(
        AssertionError.class,
        () -> assertErrors(FAILED, error(PRIVATE, "[SluiceMethodNotPublic]", "events()")));
  }

  @Test
  void anotherLine_fails() {
    assertThrows(
        AssertionError.class,
        () -> assertErrors(FAILED, error(PRIVATE, NOT_PUBLIC, "@SseEndpoint(")));
  }

  @Test
  void anotherFile_fails() {
    assertThrows(
        AssertionError.class,
        () -> assertErrors(FAILED, error(OTHER, NOT_PUBLIC, "@SseEndpoint(")));
  }

  @Test
  void anErrorTooMany_orTooFew_fails() {
    assertThrows(AssertionError.class, () -> assertErrors(FAILED));
    assertThrows(
        AssertionError.class,
        () ->
            assertErrors(
                FAILED,
                error(PRIVATE, NOT_PUBLIC, "Stream<String> events()"),
                error(PRIVATE, NOT_PUBLIC, "Stream<String> events()")));
  }

  @Test
  void javacErrors_areMatchedByTheirWords() {
    JavaFileObject missing =
        endpoint("public class Missing", "/events", "public Stream<Nowhere> events()");
    Compilation compilation = compile(missing);
    assertErrors(
        compilation,
        error(missing, Messages.UNRESOLVED_TYPE.format("Missing", "Nowhere"), "events()"),
        javacError(missing, "cannot find symbol", "events()"));
    assertThrows(
        AssertionError.class,
        () ->
            assertErrors(
                compilation,
                error(missing, Messages.UNRESOLVED_TYPE.format("Missing", "Nowhere"), "events()"),
                javacError(missing, "cannot find type", "events()")));
  }

  @Test
  void aWarning_fails() {
    // An option no processor knows of: javac warns of it even when processing fails.
    Compilation compilation =
        TestSources.compiler().withOptions("-Anobody.reads.this").compile(PRIVATE);
    assertThat(compilation.warnings()).isNotEmpty();
    assertThrows(
        AssertionError.class,
        () -> assertErrors(compilation, error(PRIVATE, NOT_PUBLIC, "Stream<String> events()")));
  }

  @Test
  void aLineFragmentOnTwoLines_isAMistakeInTheTest() {
    assertThrows(IllegalArgumentException.class, () -> error(PRIVATE, NOT_PUBLIC, "events"));
  }
}
