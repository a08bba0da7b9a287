package dev.sluice.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Serves the named endpoint classes from an {@code SseServer} on a free port for the tests of the
 * annotated class, and injects an {@code SseClient} pointed at it (and the server itself) into test
 * and lifecycle method parameters. One server for the whole class, nested classes included, closed
 * after its last test.
 *
 * <pre>{@code
 * @SluiceTest(endpoints = Clock.class)
 * class ClockTest {
 *   @Test
 *   void ticks(SseClient client) {
 *     try (EventStream<Clock.Tick> ticks =
 *         client.events("/events?every=PT0.1S", Clock.Tick.class)) {
 *       assertTrue(ticks.next().millis() > 0);
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Each endpoint class needs a public no-argument constructor. For endpoints that take arguments,
 * or for server or client settings, register a {@link SluiceExtension} in a field instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SluiceExtension.class)
public @interface SluiceTest {
  /** The classes whose {@code @SseEndpoint} methods the server serves, one instance each. */
  Class<?>[] endpoints();
}
