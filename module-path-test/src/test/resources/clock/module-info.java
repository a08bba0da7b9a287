// An application's module, as the README's "On the module path" describes it.
module com.example.clock {
  requires dev.sluice;
  requires dev.sluice.client;

  // Jackson writes and reads Tick, a record of a package this module does not export.
  opens com.example.clock to
      com.fasterxml.jackson.databind;

  provides dev.sluice.spi.SseRouteProvider with
      com.example.clock.Clock_SseRoutes.Provider;
}
