package dev.sluice.spi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Parameter conversion for generated handlers. Each failure is a {@link BadParameterException}
 * whose message names the parameter, so the client's 400 says which one was wrong.
 */
public final class Params {
  public static final Converter<String> STRING = new Converter<>("a string", s -> s);
  public static final Converter<Integer> INT = new Converter<>("an integer", Integer::valueOf);
  public static final Converter<Long> LONG = new Converter<>("an integer", Long::valueOf);
  public static final Converter<Short> SHORT = new Converter<>("an integer", Short::valueOf);
  public static final Converter<Byte> BYTE = new Converter<>("an integer", Byte::valueOf);
  public static final Converter<Double> DOUBLE = new Converter<>("a number", Double::valueOf);
  public static final Converter<Float> FLOAT = new Converter<>("a number", Float::valueOf);
  public static final Converter<Boolean> BOOLEAN =
      new Converter<>("true or false", Params::parseBoolean);
  public static final Converter<Character> CHAR =
      new Converter<>("a single character", Params::parseChar);
  public static final Converter<UUID> UUID = new Converter<>("a UUID", java.util.UUID::fromString);
  public static final Converter<Duration> DURATION =
      new Converter<>("an ISO-8601 duration such as PT5S", Duration::parse);

  private Params() {}

  /** A converter for an enum, by constant name. */
  public static <E extends Enum<E>> Converter<E> enumOf(
      String constants, Function<String, E> valueOf) {
    return new Converter<>("one of " + constants, valueOf);
  }

  /**
   * The converted value of a parameter that must be present.
   *
   * @param raw the request's text, null when absent
   * @param name how the client knows the parameter: "query parameter 'every'"
   */
  public static <T> T required(String raw, String name, Converter<T> converter) {
    if (raw == null) {
      throw new BadParameterException("Missing " + name);
    }
    return convert(raw, name, converter);
  }

  /** The converted value of a parameter that may be absent. */
  public static <T> Optional<T> optional(String raw, String name, Converter<T> converter) {
    return raw == null ? Optional.empty() : Optional.of(convert(raw, name, converter));
  }

  /**
   * The converted values of a parameter that may be repeated, in request order; empty when absent.
   * Unmodifiable.
   */
  public static <T> List<T> list(List<String> raw, String name, Converter<T> converter) {
    List<T> values = new ArrayList<>(raw.size());
    for (String value : raw) {
      values.add(convert(value, name, converter));
    }
    return Collections.unmodifiableList(values);
  }

  /**
   * The distinct converted values of a parameter that may be repeated, in the order they first
   * appear; empty when absent. Unmodifiable.
   */
  public static <T> Set<T> set(List<String> raw, String name, Converter<T> converter) {
    Set<T> values = new LinkedHashSet<>();
    for (String value : raw) {
      values.add(convert(value, name, converter));
    }
    return Collections.unmodifiableSet(values);
  }

  private static <T> T convert(String raw, String name, Converter<T> converter) {
    T value;
    try {
      value = converter.parse().apply(raw);
    } catch (RuntimeException e) {
      value = null;
    }
    if (value == null) {
      throw new BadParameterException(
          "Invalid "
              + name
              + ": expected "
              + converter.expected()
              + ", got '"
              + shorten(raw)
              + "'");
    }
    return value;
  }

  /** Echoes at most 100 characters of a client's value, so a 400 stays small. */
  private static String shorten(String raw) {
    return raw.length() <= 100 ? raw : raw.substring(0, 100) + "...";
  }

  private static Boolean parseBoolean(String raw) {
    switch (raw.toLowerCase(Locale.ROOT)) {
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      default:
        throw new IllegalArgumentException(raw);
    }
  }

  private static Character parseChar(String raw) {
    if (raw.length() != 1) {
      throw new IllegalArgumentException(raw);
    }
    return raw.charAt(0);
  }
}
