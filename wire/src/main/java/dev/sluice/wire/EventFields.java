package dev.sluice.wire;

/**
 * Which event names and ids can be written on the wire. A field is one line ({@code event: name},
 * {@code id: 42}), so neither may hold CR or LF, which would end it early; a client ignores an id
 * that holds NUL; and a blank name reaches no listener a page could write ({@code
 * addEventListener(" ", ..)}), so it is a mistake, not a name. The processor checks
 * {@code @SseEventName} with these rules, the runtime every event it writes.
 */
public final class EventFields {
  /** What makes a name or an id unwritable. */
  public enum Problem {
    /** Empty, or only white space (names only). */
    BLANK,
    /** A CR or LF, which would end the field. */
    LINE_BREAK,
    /** A NUL, for which clients ignore the id (ids only). */
    NUL
  }

  private EventFields() {}

  /** What is wrong with an event name, or null when it can be written. */
  public static Problem nameProblem(String name) {
    if (name.isBlank()) {
      return Problem.BLANK;
    }
    return hasLineBreak(name) ? Problem.LINE_BREAK : null;
  }

  /** What is wrong with an event id, or null when it can be written; an empty id is one. */
  public static Problem idProblem(String id) {
    if (hasLineBreak(id)) {
      return Problem.LINE_BREAK;
    }
    return id.indexOf('\0') >= 0 ? Problem.NUL : null;
  }

  private static boolean hasLineBreak(String value) {
    return value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
  }
}
