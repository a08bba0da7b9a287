/**
 * The encoder's contract, as the code Sluice's processor generates sees it: an {@link
 * dev.sluice.encode.SseEncoder} writes one element as one event into a {@link
 * dev.sluice.encode.Utf8Buffer}. Exported because the generated routes, compiled into the
 * application's module, hold one encoder per route and pass buffers from one to another; the
 * encoders themselves, and the wire format they write, are the runtime's own.
 */
package dev.sluice.encode;
