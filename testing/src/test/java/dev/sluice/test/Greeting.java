package dev.sluice.test;

public record Greeting(String text) {}
