package dev.sluice.samples;

/** A JSON payload: which tick this is and when it was made. */
public record Tick(long seq, long epochMillis) {}
