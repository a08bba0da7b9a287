package dev.sluice.internal.log;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure as logs may show it when its message could hold a secret: an authenticator's exception
 * may quote the token or cookie it rejected. Keeps each exception's type and stack frames, and its
 * causes', and drops every message.
 */
public final class Redacted extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Enough for any real chain; a longer one (or a cycle) is cut there. */
  private static final int MAX_CAUSES = 16;

  private Redacted(Throwable original, Redacted cause) {
    super(
        original.getClass().getName() + " (message withheld: it may hold a credential)",
        cause,
        false,
        true);
    setStackTrace(original.getStackTrace());
  }

  public static Redacted of(Throwable error) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    List<Throwable> chain = new ArrayList<>();
    for (Throwable e = error;
        e != null && chain.size() < MAX_CAUSES && seen.put(e, true) == null;
        e = e.getCause()) {
      chain.add(e);
    }
    Redacted redacted = null;
    for (int i = chain.size() - 1; i >= 0; i--) {
      redacted = new Redacted(chain.get(i), redacted);
    }
    return redacted;
  }
}
