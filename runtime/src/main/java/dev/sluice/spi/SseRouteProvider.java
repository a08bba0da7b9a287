package dev.sluice.spi;

import java.util.List;

/**
 * Generated for each class with {@code @SseEndpoint} methods and listed in {@code
 * META-INF/services/dev.sluice.spi.SseRouteProvider}, so that {@code
 * SseServer.Builder.register(Object)} finds routes without reflection on user classes.
 */
public interface SseRouteProvider {
  /** The user's class whose endpoints this provider serves. */
  Class<?> endpointType();

  /**
   * The routes served by {@code endpoint}, an instance of {@link #endpointType()}.
   *
   * @param encoders resolves each route's encoder once, when the server is built
   */
  List<SseRoute> routes(Object endpoint, SseEncoders encoders);
}
