package dev.sluice.processor.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Types;

/**
 * JSON Schemas (draft 2020-12, as OpenAPI 3.2 uses it) of the JSON that Jackson writes for Java
 * types, derived at compile time. Records, beans and enums become named components; sealed types
 * are {@code anyOf} their permitted subtypes (Jackson writes each value with the fields of its own
 * class); collections are arrays, maps objects, {@code Optional} its value or null.
 *
 * <p>{@code java.time} types are ISO-8601 strings, as Jackson's {@code JavaTimeModule} writes them
 * with {@code WRITE_DATES_AS_TIMESTAMPS} off; other JDK types Sluice does not know are described as
 * any value rather than by their fields.
 */
final class TypeSchemas {
  private static final Map<String, JsonObject> KNOWN =
      Map.ofEntries(
          Map.entry("java.lang.String", type("string")),
          Map.entry("java.lang.CharSequence", type("string")),
          Map.entry("java.lang.Boolean", type("boolean")),
          Map.entry("java.lang.Byte", range(Byte.MIN_VALUE, Byte.MAX_VALUE)),
          Map.entry("java.lang.Short", range(Short.MIN_VALUE, Short.MAX_VALUE)),
          Map.entry("java.lang.Integer", format("integer", "int32")),
          Map.entry("java.lang.Long", format("integer", "int64")),
          Map.entry("java.lang.Float", format("number", "float")),
          Map.entry("java.lang.Double", format("number", "double")),
          Map.entry("java.lang.Character", character()),
          Map.entry("java.lang.Number", type("number")),
          Map.entry("java.math.BigDecimal", type("number")),
          Map.entry("java.math.BigInteger", type("integer")),
          Map.entry("java.util.concurrent.atomic.AtomicBoolean", type("boolean")),
          Map.entry("java.util.concurrent.atomic.AtomicInteger", format("integer", "int32")),
          Map.entry("java.util.concurrent.atomic.AtomicLong", format("integer", "int64")),
          Map.entry("java.util.UUID", format("string", "uuid")),
          Map.entry("java.net.URI", format("string", "uri")),
          Map.entry("java.net.URL", format("string", "uri")),
          Map.entry("java.nio.file.Path", format("string", "uri")),
          Map.entry("java.io.File", type("string")),
          Map.entry("java.util.Locale", type("string")),
          Map.entry("java.util.Currency", type("string")),
          Map.entry("java.util.TimeZone", type("string")),
          Map.entry("java.util.Date", format("string", "date-time")),
          Map.entry("java.util.Calendar", format("string", "date-time")),
          Map.entry("java.time.Instant", format("string", "date-time")),
          Map.entry("java.time.OffsetDateTime", format("string", "date-time")),
          Map.entry("java.time.ZonedDateTime", format("string", "date-time")),
          Map.entry("java.time.LocalDate", format("string", "date")),
          Map.entry("java.time.OffsetTime", format("string", "time")),
          // Local date-times and times have no offset, which "date-time" and "time" require.
          Map.entry(
              "java.time.LocalDateTime",
              type("string").put("examples", List.of("2026-12-02T10:15:30"))),
          Map.entry("java.time.LocalTime", type("string").put("examples", List.of("10:15:30"))),
          Map.entry("java.time.Duration", format("string", "duration")),
          Map.entry("java.time.Period", format("string", "duration")),
          Map.entry("java.time.Year", type("string").put("examples", List.of("2026"))),
          Map.entry("java.time.YearMonth", type("string").put("examples", List.of("2026-12"))),
          Map.entry("java.time.MonthDay", type("string").put("examples", List.of("--12-02"))),
          Map.entry("java.time.ZoneId", type("string")),
          Map.entry("java.time.ZoneOffset", type("string")),
          Map.entry("java.util.OptionalInt", nullable(format("integer", "int32"))),
          Map.entry("java.util.OptionalLong", nullable(format("integer", "int64"))),
          Map.entry("java.util.OptionalDouble", nullable(format("number", "double"))));

  private final Types types;
  private final SchemaComponents components;
  private final JacksonProperties properties;

  TypeSchemas(Types types, SchemaComponents components) {
    this.types = types;
    this.components = components;
    this.properties = new JacksonProperties(types);
  }

  /** The schema of a value of {@code type}, written by Jackson. */
  JsonObject of(TypeMirror type) {
    switch (type.getKind()) {
      case BOOLEAN:
        return type("boolean");
      case BYTE:
        return range(Byte.MIN_VALUE, Byte.MAX_VALUE);
      case SHORT:
        return range(Short.MIN_VALUE, Short.MAX_VALUE);
      case INT:
        return format("integer", "int32");
      case LONG:
        return format("integer", "int64");
      case FLOAT:
        return format("number", "float");
      case DOUBLE:
        return format("number", "double");
      case CHAR:
        return character();
      case ARRAY:
        return array((ArrayType) type);
      case DECLARED:
        return declared((DeclaredType) type);
      case TYPEVAR:
        return of(((TypeVariable) type).getUpperBound());
      case WILDCARD:
        TypeMirror bound = ((WildcardType) type).getExtendsBound();
        return bound == null ? new JsonObject() : of(bound);
      case INTERSECTION:
      default:
        return new JsonObject(); // any value
    }
  }

  private JsonObject array(ArrayType type) {
    TypeKind component = type.getComponentType().getKind();
    if (component == TypeKind.BYTE) {
      return type("string").put("contentEncoding", "base64"); // Jackson's byte[]
    }
    if (component == TypeKind.CHAR) {
      return type("string"); // Jackson writes a char[] as one string
    }
    return type("array").put("items", of(type.getComponentType()));
  }

  private JsonObject declared(DeclaredType type) {
    TypeElement element = (TypeElement) type.asElement();
    String name = element.getQualifiedName().toString();
    JsonObject known = KNOWN.get(name);
    if (known != null) {
      return known.copy();
    }
    if (name.equals("java.util.Optional")
        || name.equals("java.util.concurrent.atomic.AtomicReference")) {
      return nullable(argument(type, 0).map(this::of).orElseGet(JsonObject::new));
    }
    Optional<List<? extends TypeMirror>> map = supertypeArguments(type, "java.util.Map");
    if (map.isPresent()) {
      JsonObject values = map.get().size() == 2 ? of(map.get().get(1)) : new JsonObject();
      return type("object").put("additionalProperties", values);
    }
    Optional<List<? extends TypeMirror>> collection =
        supertypeArguments(type, "java.util.Collection");
    if (collection.isPresent()) {
      JsonObject array =
          type("array")
              .put(
                  "items",
                  collection.get().isEmpty() ? new JsonObject() : of(collection.get().get(0)));
      if (supertypeArguments(type, "java.util.Set").isPresent()) {
        array.put("uniqueItems", true);
      }
      return array;
    }
    if (isOpaque(name)) {
      return new JsonObject();
    }
    Optional<TypeMirror> value = properties.jsonValue(type);
    if (value.isPresent()) {
      return of(value.get());
    }
    return components.ref(type.toString(), names(type), () -> component(type));
  }

  /** JDK classes Sluice does not know, and Jackson's trees: any value. */
  private static boolean isOpaque(String qualifiedName) {
    return qualifiedName.startsWith("java.")
        || qualifiedName.startsWith("javax.")
        || qualifiedName.startsWith("jdk.")
        || qualifiedName.startsWith("sun.")
        || qualifiedName.startsWith("com.fasterxml.jackson.databind.")
        || qualifiedName.startsWith("tools.jackson.databind.");
  }

  private JsonObject component(DeclaredType type) {
    TypeElement element = (TypeElement) type.asElement();
    if (element.getKind() == ElementKind.ENUM) {
      List<Object> constants = new ArrayList<>();
      for (Element member : element.getEnclosedElements()) {
        if (member.getKind() == ElementKind.ENUM_CONSTANT) {
          constants.add(
              JacksonAnnotations.propertyName(member).orElse(member.getSimpleName().toString()));
        }
      }
      return type("string").put("enum", constants);
    }
    if (isSealed(element)) {
      List<Object> branches = new ArrayList<>();
      for (TypeMirror permitted : element.getPermittedSubclasses()) {
        branches.add(of(types.erasure(permitted)));
      }
      if (element.getKind() == ElementKind.CLASS
          && !element.getModifiers().contains(Modifier.ABSTRACT)) {
        branches.add(bean(type)); // the sealed class's own instances
      }
      return JsonObject.of("anyOf", branches);
    }
    return bean(type);
  }

  /**
   * An object with a member per property. Primitives are always written, so they are required; any
   * other property may be null, or absent where {@code @JsonInclude} leaves nulls out or the mapper
   * is set to.
   */
  private JsonObject bean(DeclaredType type) {
    JsonObject schema = type("object");
    JsonObject members = new JsonObject();
    List<Object> required = new ArrayList<>();
    for (JacksonProperties.Property property : properties.of(type)) {
      JsonObject propertySchema = of(property.type());
      if (property.type().getKind().isPrimitive()) {
        required.add(property.name());
      } else if (!property.omitsNulls()) {
        propertySchema = nullable(propertySchema);
      }
      members.put(property.name(), propertySchema);
    }
    schema.put("properties", members);
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    return schema;
  }

  /** Enums with constant bodies are sealed too, but their subclasses are anonymous. */
  private static boolean isSealed(TypeElement type) {
    return type.getModifiers().contains(Modifier.SEALED)
        && type.getKind() != ElementKind.ENUM
        && !type.getPermittedSubclasses().isEmpty();
  }

  /**
   * The type arguments of {@code type}'s supertype {@code qualifiedName} (empty when raw), or empty
   * when it has no such supertype: {@code class Tags extends ArrayList<String>} is a {@code
   * Collection<String>}.
   */
  private Optional<List<? extends TypeMirror>> supertypeArguments(
      TypeMirror type, String qualifiedName) {
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    DeclaredType declared = (DeclaredType) type;
    if (((TypeElement) declared.asElement()).getQualifiedName().contentEquals(qualifiedName)) {
      return Optional.of(declared.getTypeArguments());
    }
    for (TypeMirror supertype : types.directSupertypes(type)) {
      Optional<List<? extends TypeMirror>> found = supertypeArguments(supertype, qualifiedName);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<TypeMirror> argument(DeclaredType type, int index) {
    List<? extends TypeMirror> arguments = type.getTypeArguments();
    return arguments.size() > index ? Optional.of(arguments.get(index)) : Optional.empty();
  }

  /**
   * The component names to try for a type: {@code Point}, then {@code Outer.Point}, then {@code
   * com.example.Outer.Point}; type arguments follow with '_', {@code Page_Item}.
   */
  private static List<String> names(DeclaredType type) {
    TypeElement element = (TypeElement) type.asElement();
    String arguments = arguments(type);
    String simple = element.getSimpleName().toString();
    String qualified = element.getQualifiedName().toString();
    PackageElement pkg = packageOf(element);
    String nested =
        pkg.isUnnamed() ? qualified : qualified.substring(pkg.getQualifiedName().length() + 1);
    return List.of(simple + arguments, nested + arguments, qualified + arguments);
  }

  private static String arguments(DeclaredType type) {
    StringBuilder text = new StringBuilder();
    for (TypeMirror argument : type.getTypeArguments()) {
      text.append('_');
      if (argument.getKind() == TypeKind.DECLARED) {
        DeclaredType declared = (DeclaredType) argument;
        text.append(declared.asElement().getSimpleName()).append(arguments(declared));
      } else {
        text.append(argument.toString().replaceAll("^.*\\.", ""));
      }
    }
    return text.toString();
  }

  private static PackageElement packageOf(Element element) {
    Element e = element;
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return (PackageElement) e;
  }

  /** The schema, or null as well. */
  static JsonObject nullable(JsonObject schema) {
    Object type = schema.get("type");
    if (schema.isEmpty() || isNullable(schema)) {
      return schema;
    }
    if (type instanceof String single && !schema.has("enum") && !schema.has("const")) {
      return schema.put("type", List.of(single, "null"));
    }
    return JsonObject.of("anyOf", List.of(schema, type("null")));
  }

  private static boolean isNullable(JsonObject schema) {
    Object type = schema.get("type");
    if (type instanceof List<?> list && list.contains("null")) {
      return true;
    }
    return schema.get("anyOf") instanceof List<?> branches && branches.contains(type("null"));
  }

  static JsonObject type(String type) {
    return JsonObject.of("type", type);
  }

  private static JsonObject format(String type, String format) {
    return type(type).put("format", format);
  }

  private static JsonObject range(int min, int max) {
    return type("integer").put("minimum", min).put("maximum", max);
  }

  private static JsonObject character() {
    return type("string").put("minLength", 1).put("maxLength", 1);
  }
}
