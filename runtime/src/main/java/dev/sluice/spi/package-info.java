/**
 * The contract between the code Sluice's processor generates and the runtime. Not for use by
 * hand: these types may change with the processor, which is always used at the same version.
 */
package dev.sluice.spi;
