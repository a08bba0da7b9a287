package dev.sluice.internal.encode;

/** A small record to write as JSON. */
record Point(int x, int y) {}
