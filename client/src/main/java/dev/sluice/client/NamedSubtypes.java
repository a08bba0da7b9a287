package dev.sluice.client;

import dev.sluice.annotation.SseEventName;
import dev.sluice.wire.SubtypeNames;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The event names of a sealed type's subtypes, by the rule the server names them with ({@link
 * SubtypeNames}, which the processor applies when it generates the server's routes). Only names
 * that stand for one concrete subtype can be read back; a name several share is left out, as no
 * event names the subtype it came from.
 */
final class NamedSubtypes {
  /** Types as they are at run time. */
  private static final SubtypeNames.Types<Class<?>> CLASSES =
      new SubtypeNames.Types<>() {
        @Override
        public String ownName(Class<?> type) {
          SseEventName name = type.getAnnotation(SseEventName.class);
          return name == null ? null : name.value();
        }

        @Override
        public boolean isSealed(Class<?> type) {
          return type.isSealed();
        }

        @Override
        public boolean isEnum(Class<?> type) {
          return type.isEnum();
        }

        @Override
        public boolean isAbstract(Class<?> type) {
          return Modifier.isAbstract(type.getModifiers());
        }

        @Override
        public List<Class<?>> permittedSubtypes(Class<?> type) {
          return Arrays.asList(type.getPermittedSubclasses());
        }
      };

  private NamedSubtypes() {}

  /** Name to subtype; empty if {@code type} is not sealed or none of its subtypes is named. */
  static Map<String, Class<?>> of(Class<?> type) {
    return SubtypeNames.byName(type, CLASSES);
  }
}
