package dev.sluice.processor.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The properties Jackson writes for a record or a bean with its default settings: record
 * components, public getters ({@code getX}, and {@code isX} for booleans) and public fields of the
 * class and its supertypes, with the names Jackson gives them ({@code getURL} is {@code url}), each
 * renamed by {@code @JsonProperty} and removed by {@code @JsonIgnore} (on any of its field, getter
 * or component) or {@code @JsonIgnoreProperties}. A member that is not public counts when
 * {@code @JsonProperty} marks it.
 */
final class JacksonProperties {
  /**
   * One property.
   *
   * @param type as seen from the described type, type arguments applied
   * @param omitsNulls whether {@code @JsonInclude} leaves the property out when it is null
   */
  record Property(String name, TypeMirror type, boolean omitsNulls) {}

  /** A field, getter or component that reads the property of its implicit name. */
  private record Accessor(Element element, TypeMirror type, boolean getter, boolean visible) {}

  private final Types types;

  JacksonProperties(Types types) {
    this.types = types;
  }

  /** The method or field {@code @JsonValue} marks, whose value Jackson writes instead. */
  Optional<TypeMirror> jsonValue(DeclaredType type) {
    for (TypeElement element : hierarchy(type)) {
      for (Element member : element.getEnclosedElements()) {
        if ((member.getKind() == ElementKind.METHOD || member.getKind() == ElementKind.FIELD)
            && JacksonAnnotations.isOn(member, JacksonAnnotations.JSON_VALUE)) {
          TypeMirror memberType = types.asMemberOf(type, member);
          return Optional.of(
              memberType instanceof ExecutableType method ? method.getReturnType() : memberType);
        }
      }
    }
    return Optional.empty();
  }

  List<Property> of(DeclaredType type) {
    Map<String, List<Accessor>> byName = new LinkedHashMap<>();
    Set<String> ignored = new LinkedHashSet<>();
    boolean classOmitsNulls = false;
    TypeElement root = (TypeElement) type.asElement();
    for (RecordComponentElement component : root.getRecordComponents()) {
      ExecutableElement accessor = component.getAccessor();
      add(
          byName,
          component.getSimpleName().toString(),
          new Accessor(component, returnType(type, accessor), true, true));
      add(
          byName,
          component.getSimpleName().toString(),
          new Accessor(accessor, returnType(type, accessor), true, true));
    }
    for (TypeElement element : hierarchy(type)) {
      ignored.addAll(JacksonAnnotations.ignoredProperties(element));
      classOmitsNulls |= JacksonAnnotations.omitsNulls(element);
      for (Element member : element.getEnclosedElements()) {
        if (member.getModifiers().contains(Modifier.STATIC)) {
          continue;
        }
        if (member.getKind() == ElementKind.FIELD) {
          boolean visible =
              JacksonAnnotations.hasProperty(member)
                  || (member.getModifiers().contains(Modifier.PUBLIC)
                      && !member.getModifiers().contains(Modifier.TRANSIENT));
          add(
              byName,
              member.getSimpleName().toString(),
              new Accessor(member, types.asMemberOf(type, member), false, visible));
        } else if (member.getKind() == ElementKind.METHOD) {
          ExecutableElement method = (ExecutableElement) member;
          String implicit = getterName(method);
          if (implicit == null
              && JacksonAnnotations.hasProperty(method)
              && isAccessorShaped(method)) {
            implicit = method.getSimpleName().toString();
          }
          if (implicit != null) {
            boolean visible =
                JacksonAnnotations.hasProperty(method)
                    || method.getModifiers().contains(Modifier.PUBLIC);
            add(byName, implicit, new Accessor(method, returnType(type, method), true, visible));
          }
        }
      }
    }
    List<Property> properties = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (Map.Entry<String, List<Accessor>> entry : byName.entrySet()) {
      resolve(entry.getKey(), entry.getValue(), classOmitsNulls)
          .filter(property -> !ignored.contains(property.name()))
          .filter(property -> names.add(property.name()))
          .ifPresent(properties::add);
    }
    return properties;
  }

  /**
   * One property from the accessors of an implicit name: ignored when one of them carries
   * {@code @JsonIgnore} and none {@code @JsonProperty}, as Jackson decides; read through the getter
   * when there is one.
   */
  private static Optional<Property> resolve(
      String implicit, List<Accessor> accessors, boolean classOmitsNulls) {
    boolean ignoredHere =
        accessors.stream()
            .anyMatch(a -> JacksonAnnotations.isOn(a.element(), JacksonAnnotations.JSON_IGNORE));
    boolean explicit =
        accessors.stream()
            .anyMatch(
                a ->
                    JacksonAnnotations.hasProperty(a.element())
                        && !JacksonAnnotations.isOn(a.element(), JacksonAnnotations.JSON_IGNORE));
    if (ignoredHere && !explicit) {
      return Optional.empty();
    }
    Optional<Accessor> reader =
        accessors.stream()
            .filter(a -> a.visible() && a.getter())
            .findFirst()
            .or(() -> accessors.stream().filter(Accessor::visible).findFirst());
    if (reader.isEmpty()) {
      return Optional.empty();
    }
    String name =
        accessors.stream()
            .map(a -> JacksonAnnotations.propertyName(a.element()))
            .flatMap(Optional::stream)
            .findFirst()
            .orElse(implicit);
    boolean omitsNulls =
        classOmitsNulls
            || accessors.stream().anyMatch(a -> JacksonAnnotations.omitsNulls(a.element()));
    return Optional.of(new Property(name, reader.get().type(), omitsNulls));
  }

  private static void add(Map<String, List<Accessor>> byName, String name, Accessor accessor) {
    List<Accessor> accessors = byName.computeIfAbsent(name, n -> new ArrayList<>());
    // A method overridden down the hierarchy is met again in each supertype: the first counts.
    boolean seen =
        accessors.stream()
            .anyMatch(
                a ->
                    a.getter() == accessor.getter()
                        && a.element().getKind() == accessor.element().getKind()
                        && a.element()
                            .getSimpleName()
                            .contentEquals(accessor.element().getSimpleName()));
    if (!seen) {
      accessors.add(accessor);
    }
  }

  private TypeMirror returnType(DeclaredType type, ExecutableElement method) {
    return ((ExecutableType) types.asMemberOf(type, method)).getReturnType();
  }

  /** The property a getter reads, as Jackson names it; null if the method is no getter. */
  static String getterName(ExecutableElement method) {
    if (!isAccessorShaped(method)) {
      return null;
    }
    String name = method.getSimpleName().toString();
    if (name.startsWith("get") && name.length() > 3 && !name.equals("getClass")) {
      return mangle(name.substring(3));
    }
    TypeMirror returned = method.getReturnType();
    boolean isBoolean =
        returned.getKind() == TypeKind.BOOLEAN
            || (returned instanceof DeclaredType declared
                && ((TypeElement) declared.asElement())
                    .getQualifiedName()
                    .contentEquals("java.lang.Boolean"));
    if (name.startsWith("is") && name.length() > 2 && isBoolean) {
      return mangle(name.substring(2));
    }
    return null;
  }

  private static boolean isAccessorShaped(ExecutableElement method) {
    return method.getParameters().isEmpty()
        && method.getReturnType().getKind() != TypeKind.VOID
        && method.getTypeParameters().isEmpty();
  }

  /**
   * Jackson's default ("legacy") naming: the leading upper-case letters are lower-cased, so {@code
   * URL} is {@code url} and {@code XValue} is {@code xvalue}.
   */
  static String mangle(String suffix) {
    StringBuilder name = new StringBuilder(suffix);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      char lower = Character.toLowerCase(c);
      if (c == lower) {
        break;
      }
      name.setCharAt(i, lower);
    }
    return name.toString();
  }

  /**
   * The class, its superclasses (without {@code Object}) and then its interfaces, depth first: the
   * order in which a subclass's member is met before the one it overrides.
   */
  private List<TypeElement> hierarchy(DeclaredType type) {
    Set<TypeElement> found = new LinkedHashSet<>();
    List<TypeElement> interfaces = new ArrayList<>();
    for (TypeElement element = (TypeElement) type.asElement();
        element != null && !element.getQualifiedName().contentEquals("java.lang.Object");
        element = superclass(element)) {
      found.add(element);
      collectInterfaces(element, interfaces);
    }
    found.addAll(interfaces);
    return new ArrayList<>(found);
  }

  private void collectInterfaces(TypeElement element, List<TypeElement> into) {
    for (TypeMirror implemented : element.getInterfaces()) {
      TypeElement type = (TypeElement) types.asElement(implemented);
      if (type != null && !into.contains(type)) {
        into.add(type);
        collectInterfaces(type, into);
      }
    }
  }

  private TypeElement superclass(TypeElement element) {
    TypeMirror superclass = element.getSuperclass();
    return superclass.getKind() == TypeKind.DECLARED
        ? (TypeElement) types.asElement(superclass)
        : null;
  }
}
