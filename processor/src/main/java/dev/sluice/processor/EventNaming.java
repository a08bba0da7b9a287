package dev.sluice.processor;

import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * How an endpoint names its events, from {@code @SseEventName}.
 *
 * @param name the one name of every event, or null (none, or one per subtype)
 * @param subtypes for a sealed element type, its permitted subtypes in the order the route tests
 *     them with {@code instanceof} (a subtype before its supertype); empty otherwise
 */
record EventNaming(String name, List<Subtype> subtypes) {
  static final EventNaming NONE = new EventNaming(null, List.of());

  EventNaming {
    subtypes = List.copyOf(subtypes);
  }

  /**
   * A permitted subtype and its events' name.
   *
   * @param type as the route casts to it: {@code Box<?>} for a generic one
   * @param simpleName for the names of the route's members
   * @param name null where no sealed type in its hierarchy is named
   * @param deprecated whether it, or a class around it, is deprecated
   */
  record Subtype(TypeName type, String simpleName, String name, boolean deprecated) {}

  /** Whether the route picks an encoder per subtype. */
  boolean dispatches() {
    return !subtypes.isEmpty();
  }
}
