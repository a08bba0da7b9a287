package dev.sluice.spi;

import java.util.Objects;
import java.util.function.Function;

/**
 * Turns the text of a request parameter into the parameter's type.
 *
 * @param expected what a valid value looks like, for the 400 message: "an integer"
 * @param parse throws any runtime exception on invalid input
 */
public record Converter<T>(String expected, Function<String, T> parse) {
  public Converter {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(parse, "parse");
  }
}
