/**
 * Sluice's runtime: {@code SseServer}, {@code SseHandler}, {@code SseEvent} and {@code
 * SseBroadcaster} in {@code dev.sluice}, and what the generated routes call in {@code
 * dev.sluice.spi} and {@code dev.sluice.encode}. An application's module requires it and provides
 * its generated routes:
 *
 * <pre>{@code
 * module com.example.clock {
 *   requires dev.sluice;
 *   provides dev.sluice.spi.SseRouteProvider with com.example.clock.Clock_SseRoutes.Provider;
 * }
 * }</pre>
 *
 * <p>Undertow 2.4 and XNIO 3.8 have no module names: {@code undertow.core} and {@code xnio.api} are
 * the names the JDK derives from their jar files, the only ones there are.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.sluice {
  // Transitive where the API names them: the annotations users write, ObjectMapper in the
  // builders and TypeReference in spi, HttpHandler in SseHandler and the builders' handler(..).
  requires transitive dev.sluice.annotation;
  // The rules the processor checked the routes with: path templates, event names.
  requires dev.sluice.wire;
  requires transitive com.fasterxml.jackson.databind;
  requires transitive undertow.core;
  requires xnio.api;
  // Optional: only the routes of endpoints returning an org.reactivestreams.Publisher use it
  // (spi.ReactiveStreams), and those applications read it already: Reactor, RxJava and Akka
  // require it transitively. Not transitive here, which javac would then want present for
  // every module that reads this one, with or without such a route.
  requires static org.reactivestreams;

  exports dev.sluice;
  exports dev.sluice.encode;
  exports dev.sluice.spi;

  uses dev.sluice.spi.SseRouteProvider;
}
