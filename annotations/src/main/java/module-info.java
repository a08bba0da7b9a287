/**
 * The annotations of Sluice endpoints: {@code @SseEndpoint} and the parameter bindings. No
 * dependencies; the runtime requires it transitively, so {@code requires dev.sluice;} is enough.
 */
module dev.sluice.annotation {
  exports dev.sluice.annotation;
}
