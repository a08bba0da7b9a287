package dev.sluice.samples;

public enum Color {
  RED,
  GREEN
}
