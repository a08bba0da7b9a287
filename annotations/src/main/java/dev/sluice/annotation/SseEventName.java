package dev.sluice.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the events that carry this type as data: an element of the type (bare, or in an {@code
 * SseEvent} built without {@code .event(..)}) is sent with {@code event: joined}, which a browser
 * dispatches to {@code source.addEventListener('joined', ..)}.
 *
 * <pre>{@code
 * public sealed interface ChatEvent permits Joined, Said, Left {}
 * @SseEventName("joined") public record Joined(String user) implements ChatEvent {}
 * @SseEventName("said") public record Said(String user, String text) implements ChatEvent {}
 * @SseEventName("left") public record Left(String user) implements ChatEvent {}
 *
 * @SseEndpoint("/chat")
 * public Flow.Publisher<ChatEvent> chat() { ... }   // each event named after its subtype
 * }</pre>
 *
 * <p>For a sealed element type, the generated route picks the name (and the JSON writer) of each
 * permitted subtype with {@code instanceof}, without reflection; a subtype without a name of its
 * own takes the name of the nearest sealed supertype that has one. An explicit {@code
 * SseEvent.builder().event(..)} always wins.
 *
 * <p>The processor checks, and reports as compile errors: the name is not blank and has no line
 * break; once a subtype of a sealed element type is named, every subtype is; no two subtypes of one
 * element type have the same name; and the generated route can name every subtype.
 *
 * <p>Kept at run time so that clients can map names back to types.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SseEventName {
  /** The event name, as {@code event:} carries it on the wire. */
  String value();
}
