package dev.sluice.client;

import dev.sluice.annotation.SseEventName;
import dev.sluice.wire.SubtypeNames;
import java.util.Map;

/**
 * The event names of a sealed type's subtypes, by the rule the server names them with ({@link
 * SubtypeNames}, which the processor applies when it generates the server's routes). Only names
 * that stand for one concrete subtype can be read back; a name several share is left out, as no
 * event names the subtype it came from.
 */
final class NamedSubtypes {
  /** Types as they are at run time, named by their {@code @SseEventName}. */
  private static final SubtypeNames.Types<Class<?>> CLASSES =
      SubtypeNames.classes(
          type -> {
            SseEventName name = type.getAnnotation(SseEventName.class);
            return name == null ? null : name.value();
          });

  private NamedSubtypes() {}

  /** Name to subtype; empty if {@code type} is not sealed or none of its subtypes is named. */
  static Map<String, Class<?>> of(Class<?> type) {
    return SubtypeNames.byName(type, CLASSES);
  }
}
