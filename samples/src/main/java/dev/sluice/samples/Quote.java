package dev.sluice.samples;

/** A JSON payload for the typed-event endpoint. */
public record Quote(String symbol, double price) {}
