/**
 * What plugs into the runtime. Mostly the contract between the code Sluice's processor generates
 * and the runtime: not for use by hand, as these types may change with the processor, which is
 * always used at the same version. {@link dev.sluice.spi.BroadcastJournal} is the exception: engine
 * modules ({@code sluice-redis}) implement it to keep a broadcaster's events outside the JVM.
 */
package dev.sluice.spi;
