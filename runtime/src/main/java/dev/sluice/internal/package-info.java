/**
 * The runtime's implementation: routing, the streams and their limits on Undertow, the encoders and
 * the wire format. Not exported by module {@code dev.sluice}: a type is public here only for the
 * runtime's other packages, and may change in any release. On the class path nothing stops other
 * code from using it; nothing should.
 */
package dev.sluice.internal;
