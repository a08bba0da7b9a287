package dev.sluice.internal.admit;

import dev.sluice.SseStats.Refusal;
import dev.sluice.internal.close.EventStreams;
import dev.sluice.internal.drive.BlockingThreads;
import dev.sluice.internal.drive.EventStreamOpener;
import dev.sluice.internal.refuse.Refusals;
import dev.sluice.internal.write.WriteSettings;
import dev.sluice.spi.SseRoute;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Builds each endpoint's admission: the small steps a request for it meets, one check each, in
 * order, each of which answers the request or passes it on (an {@link AdmissionStep}). What they
 * share (the handler's limits, its HTTP/2 connections, its authenticators) is held here, once.
 */
public final class AdmissionChain {
  /** An endpoint's admission, as the router hands it a request. */
  @FunctionalInterface
  public interface Entry {
    /** On the I/O thread: admits the request, whose path matched these variables, or refuses it. */
    void admit(HttpServerExchange exchange, Map<String, String> pathVariables);
  }

  /** Streams one HTTP/2 connection may reset in the window: Undertow's own default bound. */
  private static final int MAX_RESETS = 200;

  private static final long RESET_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final EventStreams streams;
  private final Refusals refusals;
  private final Http2Guard http2;
  private final BlockingThreads blockingThreads;
  private final List<Authenticator> authenticators;
  private final WriteSettings writeSettings;
  private final long heartbeatNanos;
  private final long maxStreamAgeNanos;

  /**
   * @param maxStreamsPerConnection the most event streams one HTTP/2 connection may hold
   * @param authenticators the handler's, in the order they were registered
   * @param heartbeatNanos the handler's idle interval before a heartbeat; 0 for none
   * @param maxStreamAgeNanos the age at which event streams are rotated; 0 for never
   */
  public AdmissionChain(
      EventStreams streams,
      Refusals refusals,
      int maxStreamsPerConnection,
      BlockingThreads blockingThreads,
      List<Authenticator> authenticators,
      WriteSettings writeSettings,
      long heartbeatNanos,
      long maxStreamAgeNanos) {
    this.streams = streams;
    this.refusals = refusals;
    this.http2 = new Http2Guard(maxStreamsPerConnection, MAX_RESETS, RESET_WINDOW_NANOS);
    this.blockingThreads = blockingThreads;
    this.authenticators = List.copyOf(authenticators);
    this.writeSettings = writeSettings;
    this.heartbeatNanos = heartbeatNanos;
    this.maxStreamAgeNanos = maxStreamAgeNanos;
  }

  /**
   * The admission of {@code route}, ending in the call of its endpoint.
   *
   * @param origins the origins whose pages may open its event streams, lower case, or {@code *}
   * @param credentials whether those pages may send credentials
   * @throws IllegalArgumentException if the route takes a principal that no authenticator (or more
   *     than one) provides
   */
  public Entry of(SseRoute route, Set<String> origins, boolean credentials) {
    String path = route.path();
    String label = path + " (" + route.method() + ")";
    long heartbeat = route.heartbeat() != null ? route.heartbeat().toNanos() : heartbeatNanos;
    EventStreamOpener opener =
        new EventStreamOpener(writeSettings, label, heartbeat, maxStreamAgeNanos);
    boolean blocking = route.kind() == SseRoute.Kind.STREAM;
    // On the I/O thread first, cheapest first, then off it for the user's code.
    AdmissionStep first =
        new OriginCheck(
            origins,
            credentials,
            refusals,
            path,
            label,
            new PreflightAnswer(
                new GetOnly(
                    refusals,
                    path,
                    new AcceptsEventStream(
                        refusals,
                        path,
                        new ConnectionLimit(
                            http2,
                            refusals,
                            label,
                            new StreamLimit(
                                streams,
                                path,
                                route.maxStreams(),
                                refusals,
                                label,
                                new Dispatch(
                                    blocking ? blockingThreads::execute : null,
                                    blocking ? Refusal.NO_THREAD : Refusal.SHUTTING_DOWN,
                                    refusals,
                                    label,
                                    Authenticate.before(
                                        new CallEndpoint(route.handler(), opener, refusals, label),
                                        route,
                                        authenticators,
                                        refusals,
                                        label))))))));
    return (exchange, pathVariables) -> first.handle(new EndpointRequest(exchange, pathVariables));
  }
}
