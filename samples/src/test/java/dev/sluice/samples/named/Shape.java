package dev.sluice.samples.named;

/** A sealed type without names: each subtype is still written as JSON of its own fields. */
public sealed interface Shape permits Shape.Circle, Shape.Square {
  record Circle(double radius) implements Shape {}

  record Square(double side) implements Shape {}
}
