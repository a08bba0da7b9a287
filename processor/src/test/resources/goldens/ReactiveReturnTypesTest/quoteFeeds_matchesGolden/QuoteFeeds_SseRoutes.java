package com.example;

import dev.sluice.encode.SseEncoder;
import dev.sluice.spi.Params;
import dev.sluice.spi.ReactiveStreams;
import dev.sluice.spi.SseEncoders;
import dev.sluice.spi.SseRequest;
import dev.sluice.spi.SseResponse;
import dev.sluice.spi.SseRoute;
import dev.sluice.spi.SseRouteProvider;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Serves the {@code @SseEndpoint} methods of {@link QuoteFeeds}.
 */
@Generated("dev.sluice.processor.SseEndpointProcessor")
public final class QuoteFeeds_SseRoutes {
  private final QuoteFeeds endpoint;

  private final SseEncoder<QuoteFeeds.Quote> quotesEncoder;

  private final SseEncoder<QuoteFeeds.Quote> latestEncoder;

  private final SseEncoder<QuoteFeeds.Quote> multiEncoder;

  public QuoteFeeds_SseRoutes(QuoteFeeds endpoint, SseEncoders encoders) {
    this.endpoint = endpoint;
    this.quotesEncoder = encoders.json(QuoteFeeds.Quote.class);
    this.latestEncoder = encoders.json(QuoteFeeds.Quote.class);
    this.multiEncoder = encoders.json(QuoteFeeds.Quote.class);
  }

  public List<SseRoute> routes() {
    return List.of(
        SseRoute.publisher("/quotes", "QuoteFeeds.quotes", this::quotes),
        SseRoute.publisher("/latest", "QuoteFeeds.latest", this::latest),
        SseRoute.publisher("/multi", "QuoteFeeds.multi", this::multi));
  }

  private SseResponse quotes(SseRequest request) {
    String symbol = Params.required(request.queryParam("symbol"), "query parameter 'symbol'",
        Params.STRING);
    return SseResponse.publisher(ReactiveStreams.toFlow(endpoint.quotes(symbol)), quotesEncoder);
  }

  private SseResponse latest(SseRequest request) {
    return SseResponse.publisher(ReactiveStreams.toFlow(endpoint.latest()), latestEncoder);
  }

  private SseResponse multi(SseRequest request) {
    return SseResponse.publisher(endpoint.multi(), multiEncoder);
  }

  /**
   * Lets {@code SseServer} find these routes through {@code ServiceLoader}.
   */
  public static final class Provider implements SseRouteProvider {
    @Override
    public Class<?> endpointType() {
      return QuoteFeeds.class;
    }

    @Override
    public List<SseRoute> routes(Object endpoint, SseEncoders encoders) {
      return new QuoteFeeds_SseRoutes((QuoteFeeds) endpoint, encoders).routes();
    }
  }
}
