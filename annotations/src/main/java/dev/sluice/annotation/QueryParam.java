package dev.sluice.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a parameter to a query parameter: its first value when repeated, or every value in request
 * order for a {@code List} or {@code Set} parameter ({@code ?tag=a&tag=b}).
 *
 * <pre>{@code
 * @SseEndpoint("/news")
 * public Stream<Story> news(@QueryParam("tag") Set<String> tags) { ... }
 * }</pre>
 *
 * <p>Types are those of {@link PathParam}, and {@code Optional}, {@code List} and {@code Set} of
 * them. A parameter that is none of these three is required: a request without it is answered with
 * 400 naming the parameter. A {@code List} or {@code Set} is empty when it is absent; a {@code Set}
 * keeps the first of equal values, in request order.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface QueryParam {
  /** The query parameter's name. */
  String value();
}
