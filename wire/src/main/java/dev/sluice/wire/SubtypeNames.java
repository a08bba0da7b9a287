package dev.sluice.wire;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * How the events of a sealed type are named, by subtype: each concrete subtype is named by its own
 * {@code @SseEventName}, or else by that of its nearest named sealed supertype. The processor names
 * the events it writes with it, and the client reads a name back to its subtype with it, each over
 * its own view of types ({@code TypeElement}s at compile time, {@code Class}es at run time).
 */
public final class SubtypeNames {
  private SubtypeNames() {}

  /**
   * What the rule needs to know of a type.
   *
   * @param <T> how the caller sees a type
   */
  public interface Types<T> {
    /** The value of the type's own {@code @SseEventName}, or null. */
    String ownName(T type);

    /** Whether the type is declared {@code sealed}. */
    boolean isSealed(T type);

    /** Whether it is an enum; one with constant bodies is sealed, but not a hierarchy of types. */
    boolean isEnum(T type);

    /** Whether it is an interface or an abstract class: a type with no instances of its own. */
    boolean isAbstract(T type);

    /** The subtypes its {@code permits} names, in declaration order. */
    List<T> permittedSubtypes(T type);
  }

  /**
   * Types as they are at run time, with the name an annotation of the caller's gives each.
   *
   * @param ownName the value of a class's own {@code @SseEventName}, or null
   */
  public static Types<Class<?>> classes(Function<Class<?>, String> ownName) {
    return new Types<>() {
      @Override
      public String ownName(Class<?> type) {
        return ownName.apply(type);
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
  }

  /**
   * A concrete subtype and its events' name.
   *
   * @param name null where no sealed type above it, nor it, is named
   * @param namedBy the type whose {@code @SseEventName} gives the name; null with the name
   */
  public record Leaf<T>(T type, String name, T namedBy) {}

  /**
   * Whether {@code type} is a sealed hierarchy whose subtypes are named: sealed with permitted
   * subtypes, and not an enum.
   */
  public static <T> boolean isHierarchy(T type, Types<T> types) {
    return types.isSealed(type) && !types.isEnum(type) && !types.permittedSubtypes(type).isEmpty();
  }

  /**
   * The concrete types under {@code root}, each with its name, subtypes before a sealed class that
   * may have instances of its own, so that testing them in this order with {@code instanceof} finds
   * the most specific. Just {@code root} when it is no sealed hierarchy.
   */
  public static <T> List<Leaf<T>> leaves(T root, Types<T> types) {
    List<Leaf<T>> leaves = new ArrayList<>();
    collect(root, null, null, types, leaves);
    return leaves;
  }

  /**
   * Name to concrete subtype, for reading events back: only the names that stand for one subtype,
   * since a name several share (inherited from a named sealed supertype) cannot tell which.
   */
  public static <T> Map<String, T> byName(T root, Types<T> types) {
    Map<String, T> byName = new LinkedHashMap<>();
    Set<String> shared = new HashSet<>();
    if (!isHierarchy(root, types)) {
      return byName;
    }
    for (Leaf<T> leaf : leaves(root, types)) {
      if (leaf.name() != null && byName.putIfAbsent(leaf.name(), leaf.type()) != null) {
        shared.add(leaf.name());
      }
    }
    shared.forEach(byName::remove);
    return byName;
  }

  private static <T> void collect(
      T type, String inherited, T inheritedFrom, Types<T> types, List<Leaf<T>> into) {
    String own = types.ownName(type);
    String name = own != null ? own : inherited;
    T namedBy = own != null ? type : inheritedFrom;
    if (!isHierarchy(type, types)) {
      into.add(new Leaf<>(type, name, namedBy));
      return;
    }
    for (T permitted : types.permittedSubtypes(type)) {
      collect(permitted, name, namedBy, types, into);
    }
    if (!types.isAbstract(type)) {
      into.add(new Leaf<>(type, name, namedBy));
    }
  }
}
