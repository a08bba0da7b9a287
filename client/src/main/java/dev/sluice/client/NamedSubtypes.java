package dev.sluice.client;

import dev.sluice.annotation.SseEventName;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The event names of a sealed type's subtypes, by the rule the server names them with: a subtype's
 * own {@code @SseEventName}, else that of its nearest named sealed supertype. Only names that stand
 * for one concrete subtype can be read back; a name several share is left out, as no event names
 * the subtype it came from.
 */
final class NamedSubtypes {
  private NamedSubtypes() {}

  /** Name to subtype; empty if {@code type} is not sealed or none of its subtypes is named. */
  static Map<String, Class<?>> of(Class<?> type) {
    if (!type.isSealed()) {
      return Map.of();
    }
    Map<String, Class<?>> byName = new LinkedHashMap<>();
    Set<String> shared = new HashSet<>();
    collect(type, nameOf(type), byName, shared);
    shared.forEach(byName::remove);
    return byName;
  }

  private static void collect(
      Class<?> type, String inherited, Map<String, Class<?>> byName, Set<String> shared) {
    for (Class<?> subtype : type.getPermittedSubclasses()) {
      String own = nameOf(subtype);
      String name = own != null ? own : inherited;
      if (subtype.isSealed()) {
        collect(subtype, name, byName, shared);
      } else if (name != null && byName.putIfAbsent(name, subtype) != null) {
        shared.add(name);
      }
    }
  }

  private static String nameOf(Class<?> type) {
    SseEventName name = type.getAnnotation(SseEventName.class);
    return name == null ? null : name.value();
  }
}
