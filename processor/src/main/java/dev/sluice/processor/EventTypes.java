package dev.sluice.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import dev.sluice.wire.EventFields;
import dev.sluice.wire.SubtypeNames;
import dev.sluice.wire.SubtypeNames.Leaf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads {@code @SseEventName} off an element type and, for a sealed one, off its permitted
 * subtypes: the names, and the problems that stop the route from naming its events.
 */
final class EventTypes {
  static final String SSE_EVENT_NAME = "dev.sluice.annotation.SseEventName";

  /** Types as the processor sees them, for the naming rule. */
  private static final SubtypeNames.Types<TypeElement> TYPES =
      new SubtypeNames.Types<>() {
        @Override
        public String ownName(TypeElement type) {
          return nameOf(type).orElse(null);
        }

        @Override
        public boolean isSealed(TypeElement type) {
          return type.getModifiers().contains(Modifier.SEALED);
        }

        @Override
        public boolean isEnum(TypeElement type) {
          return type.getKind() == ElementKind.ENUM;
        }

        @Override
        public boolean isAbstract(TypeElement type) {
          return type.getKind() != ElementKind.CLASS
              || type.getModifiers().contains(Modifier.ABSTRACT);
        }

        @Override
        public List<TypeElement> permittedSubtypes(TypeElement type) {
          List<TypeElement> permitted = new ArrayList<>();
          for (TypeMirror subtype : type.getPermittedSubclasses()) {
            permitted.add((TypeElement) ((DeclaredType) subtype).asElement());
          }
          return permitted;
        }
      };

  private EventTypes() {}

  /** The naming of an element type's events, and its problems as complete messages. */
  record Analysis(EventNaming naming, List<String> problems) {}

  /** The {@code @SseEventName} on {@code type} itself. */
  static Optional<AnnotationMirror> annotation(TypeElement type) {
    return SluiceAnnotations.find(type, SSE_EVENT_NAME);
  }

  static Optional<String> nameOf(TypeElement type) {
    return annotation(type).map(SluiceAnnotations::stringValue);
  }

  /** What is wrong with a name, as a message about {@code type}; null for a good name. */
  static String problem(String name, TypeElement type) {
    EventFields.Problem problem = EventFields.nameProblem(name);
    if (problem == EventFields.Problem.BLANK) {
      return Messages.BLANK_EVENT_NAME.format(TypeText.of(type));
    }
    if (problem == EventFields.Problem.LINE_BREAK) {
      return Messages.EVENT_NAME_LINE_BREAK.format(
          TypeText.of(type), name.replace("\r", "\\r").replace("\n", "\\n"));
    }
    return null;
  }

  /**
   * The naming of the events whose data is {@code payload}.
   *
   * @param from the generated route's package, which must see every subtype it tests for
   * @param method the endpoint, as messages name it
   * @param checked the classes whose names this compilation checked already, and reported on
   */
  static Analysis analyze(
      TypeMirror payload, PackageElement from, String method, Set<String> checked) {
    if (payload.getKind() != TypeKind.DECLARED) {
      return new Analysis(EventNaming.NONE, List.of());
    }
    TypeElement root = (TypeElement) ((DeclaredType) payload).asElement();
    List<String> problems = new ArrayList<>();
    if (!SubtypeNames.isHierarchy(root, TYPES)) {
      Optional<String> name = nameOf(root);
      name.map(n -> unchecked(n, root, checked)).ifPresent(problems::add);
      return new Analysis(new EventNaming(name.orElse(null), List.of()), problems);
    }
    List<Leaf<TypeElement>> leaves = SubtypeNames.leaves(root, TYPES);
    Map<String, TypeElement> owners = new LinkedHashMap<>();
    boolean named = false;
    for (Leaf<TypeElement> leaf : leaves) {
      if (leaf.name() == null) {
        continue;
      }
      named = true;
      String nameProblem = unchecked(leaf.name(), leaf.namedBy(), checked);
      if (nameProblem != null && !problems.contains(nameProblem)) {
        problems.add(nameProblem);
      }
      TypeElement owner = owners.putIfAbsent(leaf.name(), leaf.namedBy());
      if (owner != null && !owner.equals(leaf.namedBy())) {
        problems.add(
            Messages.DUPLICATE_EVENT_NAME.format(
                TypeText.of(root),
                method,
                TypeText.of(owner),
                TypeText.of(leaf.namedBy()),
                leaf.name()));
      }
    }
    List<EventNaming.Subtype> subtypes = new ArrayList<>();
    for (Leaf<TypeElement> leaf : leaves) {
      if (named && leaf.name() == null) {
        problems.add(
            Messages.UNNAMED_SUBTYPE.format(TypeText.of(root), method, TypeText.of(leaf.type())));
      }
      TypeElement blocked = TypeScans.blocking(leaf.type(), from);
      if (blocked != null) {
        if (!named) {
          // Without names, testing each subtype only improves the JSON; keep the plain writer.
          return new Analysis(EventNaming.NONE, List.of());
        }
        problems.add(
            EndpointValidator.inaccessible(from, method, TypeText.of(leaf.type()), blocked));
      }
      subtypes.add(
          new EventNaming.Subtype(
              castType(leaf.type()),
              leaf.type().getSimpleName().toString(),
              leaf.name(),
              isDeprecated(leaf.type())));
    }
    return new Analysis(new EventNaming(null, subtypes), problems);
  }

  private static boolean isDeprecated(TypeElement type) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getAnnotation(Deprecated.class) != null) {
        return true;
      }
    }
    return false;
  }

  /** The problem with a name this compilation has not reported already, or null. */
  private static String unchecked(String name, TypeElement type, Set<String> checked) {
    return checked.contains(type.getQualifiedName().toString()) ? null : problem(name, type);
  }

  /** {@code Box<?>} for a generic class, which a cast and a class literal can name. */
  private static TypeName castType(TypeElement type) {
    ClassName raw = ClassName.get(type);
    if (type.getTypeParameters().isEmpty()) {
      return raw;
    }
    TypeName[] wildcards = new TypeName[type.getTypeParameters().size()];
    java.util.Arrays.fill(wildcards, WildcardTypeName.subtypeOf(Object.class));
    return ParameterizedTypeName.get(raw, wildcards);
  }
}
