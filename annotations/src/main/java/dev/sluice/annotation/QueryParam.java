package dev.sluice.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a parameter to a query parameter (its first value when repeated).
 *
 * <p>Types are those of {@link PathParam}. A parameter that is not an {@code Optional} is
 * required: a request without it is answered with 400 naming the parameter.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface QueryParam {
  /** The query parameter's name. */
  String value();
}
