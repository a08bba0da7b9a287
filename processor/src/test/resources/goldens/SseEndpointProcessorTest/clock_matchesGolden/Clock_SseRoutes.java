package com.example;

import dev.sluice.SseEvent;
import dev.sluice.encode.SseEncoder;
import dev.sluice.spi.Params;
import dev.sluice.spi.SseEncoders;
import dev.sluice.spi.SseRequest;
import dev.sluice.spi.SseResponse;
import dev.sluice.spi.SseRoute;
import dev.sluice.spi.SseRouteProvider;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Generated;

/**
 * Serves the {@code @SseEndpoint} methods of {@link Clock}.
 */
@Generated("dev.sluice.processor.SseEndpointProcessor")
public final class Clock_SseRoutes {
  private final Clock endpoint;

  private final SseEncoder<SseEvent<Clock.Tick>> eventsEncoder;

  private final SseEncoder<String> namesEncoder;

  public Clock_SseRoutes(Clock endpoint, SseEncoders encoders) {
    this.endpoint = endpoint;
    this.eventsEncoder = encoders.jsonEvents(Clock.Tick.class);
    this.namesEncoder = encoders.text();
  }

  public List<SseRoute> routes() {
    return List.of(
        SseRoute.publisher("/events", "Clock.events", this::events),
        SseRoute.stream("/zones/{zone}/names", "Clock.names", this::names));
  }

  private SseResponse events(SseRequest request) {
    Duration every = Params.required(request.queryParam("every"), "query parameter 'every'",
        Params.DURATION);
    return SseResponse.publisher(endpoint.events(every), eventsEncoder);
  }

  private SseResponse names(SseRequest request) {
    String zone = Params.required(request.pathParam("zone"), "path parameter 'zone'",
        Params.STRING);
    Optional<Integer> limit = Params.optional(request.queryParam("limit"),
        "query parameter 'limit'", Params.INT);
    String lastId = request.lastEventId();
    return SseResponse.stream(endpoint.names(zone, limit, lastId), namesEncoder);
  }

  /**
   * Lets {@code SseServer} find these routes through {@code ServiceLoader}.
   */
  public static final class Provider implements SseRouteProvider {
    @Override
    public Class<?> endpointType() {
      return Clock.class;
    }

    @Override
    public List<SseRoute> routes(Object endpoint, SseEncoders encoders) {
      return new Clock_SseRoutes((Clock) endpoint, encoders).routes();
    }
  }
}
