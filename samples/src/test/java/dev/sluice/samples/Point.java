package dev.sluice.samples;

public record Point(int x, int y) {}
