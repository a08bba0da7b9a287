package dev.sluice.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a parameter to a request header, matched case-insensitively: its first value, or every
 * value (one per header field, in request order) for a {@code List} or {@code Set} parameter.
 *
 * <p>Types are those of {@link PathParam}, and {@code Optional}, {@code List} and {@code Set} of
 * them. A parameter that is none of these three is required: a request without it is answered with
 * 400 naming the header. A {@code List} or {@code Set} is empty when the header is absent.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface HeaderParam {
  /** The header's name. */
  String value();
}
