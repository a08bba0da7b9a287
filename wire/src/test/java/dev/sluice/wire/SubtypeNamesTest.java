package dev.sluice.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.wire.SubtypeNames.Leaf;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The naming rule over sealed hierarchies of every shape, seen as {@code Class}es. */
class SubtypeNamesTest {
  @Retention(RetentionPolicy.RUNTIME)
  @interface Named {
    String value();
  }

  /** Named subtypes, one unnamed under a named sealed interface, a class with instances. */
  sealed interface Chat permits Joined, Said, Presence, Notice {}

  @Named("joined")
  record Joined(String user) implements Chat {}

  @Named("said")
  record Said(String text) implements Chat {}

  @Named("presence")
  sealed interface Presence extends Chat permits Online, Offline {}

  record Online() implements Presence {}

  record Offline() implements Presence {}

  @Named("notice")
  static sealed class Notice implements Chat permits Urgent {}

  @Named("urgent")
  static final class Urgent extends Notice {}

  sealed interface Unnamed permits A, B {}

  record A() implements Unnamed {}

  record B() implements Unnamed {}

  enum WithBodies {
    ONE {
      @Override
      public String toString() {
        return "one";
      }
    }
  }

  private static final SubtypeNames.Types<Class<?>> CLASSES =
      SubtypeNames.classes(
          type -> {
            Named named = type.getAnnotation(Named.class);
            return named == null ? null : named.value();
          });

  @Test
  void sealedHierarchy_namesEachConcreteSubtype_mostSpecificFirst() {
    List<String> leaves = new ArrayList<>();
    for (Leaf<Class<?>> leaf : SubtypeNames.leaves(Chat.class, CLASSES)) {
      leaves.add(
          leaf.type().getSimpleName()
              + "="
              + leaf.name()
              + (leaf.namedBy() == null ? "" : " by " + leaf.namedBy().getSimpleName()));
    }
    assertEquals(
        List.of(
            "Joined=joined by Joined",
            "Said=said by Said",
            "Online=presence by Presence",
            "Offline=presence by Presence",
            "Urgent=urgent by Urgent",
            "Notice=notice by Notice"),
        leaves);
  }

  @Test
  void byName_keepsOnlyNamesThatStandForOneSubtype() {
    Map<String, Class<?>> expected = new LinkedHashMap<>();
    expected.put("joined", Joined.class);
    expected.put("said", Said.class);
    expected.put("urgent", Urgent.class);
    expected.put("notice", Notice.class);
    assertEquals(expected, SubtypeNames.byName(Chat.class, CLASSES));
  }

  @Test
  void unnamedHierarchy_hasLeavesWithoutNames() {
    assertEquals(
        List.of(new Leaf<Class<?>>(A.class, null, null), new Leaf<Class<?>>(B.class, null, null)),
        SubtypeNames.leaves(Unnamed.class, CLASSES));
    assertEquals(Map.of(), SubtypeNames.byName(Unnamed.class, CLASSES));
  }

  @Test
  void enumWithConstantBodies_isNoHierarchy() {
    assertEquals(false, SubtypeNames.isHierarchy(WithBodies.class, CLASSES));
    assertEquals(
        List.of(new Leaf<Class<?>>(WithBodies.class, null, null)),
        SubtypeNames.leaves(WithBodies.class, CLASSES));
  }

  @Test
  void plainType_isItsOwnLeaf() {
    assertEquals(
        List.of(new Leaf<Class<?>>(Joined.class, "joined", Joined.class)),
        SubtypeNames.leaves(Joined.class, CLASSES));
  }
}
