package dev.sluice.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a parameter to the {@code {name}} variable of the {@link SseEndpoint} path,
 * percent-decoded.
 *
 * <p>Supported types: {@code String}, primitives and their boxes, enums (by constant name), {@code
 * UUID} and {@code Duration} (ISO-8601, such as {@code PT5S}). {@link QueryParam} and {@link
 * HeaderParam} also take {@code Optional}, {@code List} and {@code Set} of these; a path variable
 * always has exactly one value.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface PathParam {
  /** The variable's name in the path template. */
  String value();
}
