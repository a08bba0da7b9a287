package dev.sluice.client;

public record Point(int x, int y) {}
