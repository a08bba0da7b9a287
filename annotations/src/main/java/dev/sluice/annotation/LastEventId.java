package dev.sluice.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a {@code String} or {@code Optional<String>} parameter to the id of the last event the
 * client saw: the {@code Last-Event-ID} header a reconnecting {@code EventSource} sends, or the
 * {@code lastEventId} query parameter as a fallback (EventSource polyfills send that). A {@code
 * String} parameter is {@code null} when the client sent neither.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface LastEventId {}
