package dev.sluice.bench.load;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A JSON fan-out event: a price tick, numbered, with the wall-clock time it was published in
 * microseconds. The numbers come first, in this order, because {@link EventReader} reads an event's
 * number and publish time from the start of its data.
 */
@JsonPropertyOrder({"seq", "micros", "symbol", "price"})
public record Quote(long seq, long micros, String symbol, double price) {}
