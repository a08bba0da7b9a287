/**
 * The contract between the code Sluice's processor generates and the runtime. Public, and exported
 * by module {@code dev.sluice}, only because the generated routes are compiled into the
 * application's own package and module and call it from there. Not for use by hand: these types may
 * change with the processor, which is always used at the runtime's version.
 *
 * <p>Its signatures name Jackson's {@code TypeReference} (the encoders of generic element types
 * such as {@code List<Point>}, which the routes create as {@code new TypeReference<..>() {}}) and,
 * in {@link dev.sluice.spi.ReactiveStreams}, {@code org.reactivestreams.Publisher}. Module {@code
 * dev.sluice} requires Jackson transitively, so that a module requiring it reads Jackson too, and
 * Reactive Streams only statically, since it is optional: the modules whose routes name it read it
 * through Reactor, RxJava or Akka, which require it transitively.
 *
 * <p>{@link dev.sluice.spi.BroadcastJournal} is the exception to "not by hand": engine modules
 * ({@code sluice-redis}) implement it to keep a broadcaster's events outside the JVM.
 */
package dev.sluice.spi;
