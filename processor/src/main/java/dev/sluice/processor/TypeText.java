package dev.sluice.processor;

import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/** Names as messages show them: the way the user wrote them, without package prefixes. */
final class TypeText {
  /** A package prefix: lower-case dotted names followed by an upper-case type name. */
  private static final Pattern PACKAGE_PREFIX =
      Pattern.compile("\\b(?:[a-z_$][\\w$]*\\.)+(?=[A-Z_$])");

  private TypeText() {}

  /** {@code java.util.List<java.lang.String>} as {@code List<String>}. */
  static String of(TypeMirror type) {
    return PACKAGE_PREFIX.matcher(type.toString()).replaceAll("");
  }

  /** {@code events()}. */
  static String of(ExecutableElement method) {
    return method.getSimpleName() + "()";
  }

  /** A class's name within its package: {@code Outer.Inner}. */
  static String of(TypeElement type) {
    String qualified = type.getQualifiedName().toString();
    PackageElement pkg = packageOf(type);
    return pkg.isUnnamed() ? qualified : qualified.substring(pkg.getQualifiedName().length() + 1);
  }

  static PackageElement packageOf(TypeElement type) {
    Element e = type;
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return (PackageElement) e;
  }

  static String access(Set<Modifier> modifiers) {
    if (modifiers.contains(Modifier.PRIVATE)) {
      return "private";
    }
    if (modifiers.contains(Modifier.PROTECTED)) {
      return "protected";
    }
    return "package-private";
  }
}
