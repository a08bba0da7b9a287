package dev.sluice.processor;

import com.palantir.javapoet.TypeName;

/**
 * Where one parameter of an endpoint method comes from, and how its text is converted.
 *
 * @param name the HTTP name: path variable, query parameter or header; empty for the last event id
 *     and the principal
 * @param parameterName the Java parameter's name
 * @param type the Java parameter's type, such as {@code int} or {@code Optional<UUID>}
 * @param arity how many values the parameter takes
 * @param conversion how the text becomes a value; null for {@link Source#LAST_EVENT_ID} and {@link
 *     Source#PRINCIPAL}
 * @param principalType for {@link Source#PRINCIPAL}, the principal's class ({@code User} for {@code
 *     Optional<User>}); null otherwise
 */
record ParamBinding(
    Source source,
    String name,
    String parameterName,
    TypeName type,
    Arity arity,
    Conversion conversion,
    TypeName principalType) {

  /** The request part a parameter is read from. */
  enum Source {
    PATH("pathParam", null, "path parameter"),
    QUERY("queryParam", "queryParams", "query parameter"),
    HEADER("header", "headers", "header"),
    LAST_EVENT_ID("lastEventId", null, "last event id"),
    PRINCIPAL("principal", null, "principal");

    private final String requestMethod;
    private final String multiRequestMethod;
    private final String description;

    Source(String requestMethod, String multiRequestMethod, String description) {
      this.requestMethod = requestMethod;
      this.multiRequestMethod = multiRequestMethod;
      this.description = description;
    }

    /** The {@code SseRequest} method that reads this source's first value. */
    String requestMethod() {
      return requestMethod;
    }

    /** The {@code SseRequest} method that reads all of its values; null where there is one. */
    String multiRequestMethod() {
      return multiRequestMethod;
    }
  }

  /** How many values a parameter takes, named after the {@code Params} method reading them. */
  enum Arity {
    REQUIRED("required"),
    OPTIONAL("optional"),
    LIST("list"),
    SET("set");

    private final String paramsMethod;

    Arity(String paramsMethod) {
      this.paramsMethod = paramsMethod;
    }

    String paramsMethod() {
      return paramsMethod;
    }

    boolean isMultiValued() {
      return this == LIST || this == SET;
    }
  }

  /** How a client knows the parameter, for 400 messages: {@code query parameter 'every'}. */
  String description() {
    return source.description + " '" + name + "'";
  }

  /**
   * A {@code Params} converter: a constant such as {@code INT}, or {@code enumOf} with the enum's
   * constants listed at compile time.
   *
   * @param paramsConstant the {@code Params} field, or null for an enum
   * @param enumType the enum, or null
   * @param enumConstants the enum's constants for the 400 message, as {@code RED, GREEN}
   */
  record Conversion(String paramsConstant, TypeName enumType, String enumConstants) {
    static Conversion constant(String paramsConstant) {
      return new Conversion(paramsConstant, null, null);
    }

    static Conversion ofEnum(TypeName enumType, String enumConstants) {
      return new Conversion(null, enumType, enumConstants);
    }

    boolean isEnum() {
      return enumType != null;
    }
  }
}
