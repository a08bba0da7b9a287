package dev.sluice.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * What a failed compilation must report: exactly these errors, each with its message, its file and
 * the line it lands on, and no warnings. A test then reads as the rule it checks:
 *
 * <pre>{@code
 * assertErrors(
 *     compile(source),
 *     error(source, Messages.STATIC_METHOD.format("events()"), "Stream<String> events()"));
 * }</pre>
 *
 * <p>Sluice's messages are matched whole, as {@link Messages} formats them; javac's own by the
 * words given, since its wording is not Sluice's to pin. A line is named by a fragment of its text,
 * which must stand on exactly one line of the file (as compile-testing's {@code onLineContaining}
 * asks).
 */
final class ExpectedErrors {
  private ExpectedErrors() {}

  /**
   * One error the compilation must report: in {@code file}, on line {@code line} (1-based), the one
   * containing {@code fragment}, with {@code message} whole, or among its words.
   */
  record Expected(JavaFileObject file, long line, String fragment, String message, boolean whole) {
    boolean matches(Diagnostic<? extends JavaFileObject> diagnostic) {
      String text = diagnostic.getMessage(null);
      return diagnostic.getKind() == Diagnostic.Kind.ERROR
          && diagnostic.getSource() != null
          && diagnostic.getSource().toUri().getPath().equals(file.toUri().getPath())
          && diagnostic.getLineNumber() == line
          && (whole ? text.equals(message) : text.contains(message));
    }

    @Override
    public String toString() {
      String text = whole ? message : "... " + message + " ...";
      return String.format("%s:%d, the line with \"%s\": %s", file.getName(), line, fragment, text);
    }
  }

  /**
   * A Sluice error, {@code message} exactly, on the line of {@code file} containing {@code line}.
   */
  static Expected error(JavaFileObject file, String message, String line) {
    return new Expected(file, lineContaining(file, line), line, message, true);
  }

  /** A javac error that says {@code words}, on the line of {@code file} containing {@code line}. */
  static Expected javacError(JavaFileObject file, String words, String line) {
    return new Expected(file, lineContaining(file, line), line, words, false);
  }

  /** The compilation failed with exactly {@code errors}, in any order, and no warnings. */
  static void assertErrors(Compilation compilation, Expected... errors) {
    assertThat(compilation).failed();
    assertErrors(compilation.diagnostics(), errors);
  }

  /** Of {@code diagnostics}, the errors are exactly {@code errors}, and none is a warning. */
  static void assertErrors(
      List<? extends Diagnostic<? extends JavaFileObject>> diagnostics, Expected... errors) {
    // Every error and warning, less those the expected errors take: notes are javac's chatter.
    List<Diagnostic<? extends JavaFileObject>> unmatched = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics) {
      if (diagnostic.getKind() != Diagnostic.Kind.NOTE
          && diagnostic.getKind() != Diagnostic.Kind.OTHER) {
        unmatched.add(diagnostic);
      }
    }
    List<Expected> missing = new ArrayList<>();
    // Whole messages first, so that a javac error named by a few words takes no Sluice error.
    for (boolean whole : new boolean[] {true, false}) {
      for (Expected error : errors) {
        if (error.whole() == whole && !take(unmatched, error)) {
          missing.add(error);
        }
      }
    }
    if (!missing.isEmpty() || !unmatched.isEmpty()) {
      throw new AssertionError(
          "Expected exactly these errors:\n"
              + list(Stream.of(errors).map(Expected::toString))
              + "\nbut these were not reported:\n"
              + list(missing.stream().map(Expected::toString))
              + "\nand these were reported besides:\n"
              + list(unmatched.stream().map(ExpectedErrors::describe)));
    }
  }

  /** Removes the first of {@code reported} that {@code error} describes, if there is one. */
  private static boolean take(List<Diagnostic<? extends JavaFileObject>> reported, Expected error) {
    for (int i = 0; i < reported.size(); i++) {
      if (error.matches(reported.get(i))) {
        reported.remove(i);
        return true;
      }
    }
    return false;
  }

  private static long lineContaining(JavaFileObject file, String fragment) {
    List<String> lines;
    try {
      lines = file.getCharContent(true).toString().lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long line = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(fragment)) {
        if (line != 0) {
          throw new IllegalArgumentException(
              "More than one line of " + file.getName() + " contains \"" + fragment + "\"");
        }
        line = i + 1;
      }
    }
    if (line == 0) {
      throw new IllegalArgumentException(
          "No line of " + file.getName() + " contains \"" + fragment + "\"");
    }
    return line;
  }

  private static String list(Stream<String> items) {
    String list = items.map(item -> "  " + item).collect(Collectors.joining("\n"));
    return list.isEmpty() ? "  (none)" : list;
  }

  private static String describe(Diagnostic<? extends JavaFileObject> diagnostic) {
    String where =
        diagnostic.getSource() == null
            ? "(no file)"
            : diagnostic.getSource().getName() + ":" + diagnostic.getLineNumber();
    return diagnostic.getKind() + " " + where + ": " + diagnostic.getMessage(null);
  }
}
