package dev.sluice.spi;

/** A request parameter is missing or cannot be converted; answered with 400 and this message. */
public final class BadParameterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadParameterException(String message) {
    super(message);
  }
}
