package dev.sluice.internal.broadcast;

import java.util.concurrent.Flow;

/**
 * A subscription whose {@code request} and {@code cancel} run only the runtime's own code on the
 * calling thread: they never block, and whatever they emit is already encoded. The runtime renews
 * such a subscription's demand on the I/O thread that just wrote, with no hop to a worker.
 */
public interface InlineDemand extends Flow.Subscription {}
