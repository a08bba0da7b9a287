package dev.sluice.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives an {@link SseEndpoint} method the principal the server's authenticator made of the request,
 * before the method is called and before anything is sent:
 *
 * <pre>{@code
 * @SseEndpoint("/me/notifications")
 * public Flow.Publisher<Notification> mine(@Authenticated User user) {
 *   return notifications.of(user.id());
 * }
 *
 * @SseEndpoint("/rooms/{room}/events")
 * public Flow.Publisher<Message> room(
 *     @PathParam("room") String room, @Authenticated Optional<User> user) {
 *   if (isPrivate(room) && user.isEmpty()) {
 *     throw new SseStatusException(403, "Members only");
 *   }
 *   ...
 * }
 * }</pre>
 *
 * <p>A parameter of type {@code P} is required: an anonymous request (the authenticator returned
 * null) gets 401 and the method is not called. {@code Optional<P>} admits anonymous requests, as an
 * empty optional. The server needs an authenticator whose type is {@code P} or a subtype, {@code
 * SseServer.builder().authenticator(User.class, request -> ...)}; an endpoint whose principal no
 * authenticator provides stops the server from starting, with an error naming the endpoint and the
 * type. The endpoint decides its grants itself: throwing {@code SseStatusException(403, ..)}
 * refuses the request before its stream opens.
 *
 * <p>The processor checks, and reports as compile errors on the parameter: its type is a class or
 * interface without type arguments ({@code User}, not {@code int}, {@code User[]} or {@code
 * Map<String, String>}), or {@code Optional} of one; it carries no other Sluice annotation; and an
 * endpoint has at most one such parameter.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface Authenticated {}
