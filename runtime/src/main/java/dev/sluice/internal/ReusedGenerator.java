package dev.sluice.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/** A JSON generator kept by the buffer it writes into, with the factory that made it. */
public record ReusedGenerator(JsonFactory factory, JsonGenerator generator) {}
