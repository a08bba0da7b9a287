package dev.sluice.client;

import dev.sluice.annotation.SseEventName;
import java.util.Objects;

/**
 * A sealed class with instances of its own and a subclass, each named: the server names a plain
 * notice "notice" and an urgent one "urgent", and the client must read each back as such.
 */
@SseEventName("notice")
public sealed class Notice permits Notice.Urgent {
  public String text;

  public Notice() {}

  Notice(String text) {
    this.text = text;
  }

  @SseEventName("urgent")
  public static final class Urgent extends Notice {
    public Urgent() {}

    Urgent(String text) {
      super(text);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && Objects.equals(((Notice) o).text, text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(getClass(), text);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + text + "]";
  }
}
