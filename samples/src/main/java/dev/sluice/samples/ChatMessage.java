package dev.sluice.samples;

/** One chat line, as JSON in the event's data. */
public record ChatMessage(String author, String text, long sentAtMillis) {}
