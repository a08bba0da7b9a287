package dev.sluice.internal;

/** A small record to write as JSON. */
record Point(int x, int y) {}
