package dev.sluice.spi;

/** Converts a request's parameters, calls the user's method and wraps what it returned. */
@FunctionalInterface
public interface SseRouteHandler {
  /**
   * Never called on an I/O thread.
   *
   * @throws BadParameterException when a parameter is missing or cannot be converted (400)
   * @throws Exception whatever the user's method throws ({@code SseStatusException} sets the
   *     status; anything else is a 500)
   */
  SseResponse handle(SseRequest request) throws Exception;
}
