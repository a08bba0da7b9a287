package dev.sluice.processor;

import com.palantir.javapoet.TypeName;
import java.time.Duration;
import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * One valid {@code @SseEndpoint} method, as plain values the generator needs and nothing more.
 *
 * @param path the path template, as written
 * @param methodName the user's method
 * @param displayName the method as logs show it, {@code Clock.events}
 * @param elementType the element type the encoder writes: the method's {@code X} in {@code
 *     Flow.Publisher<X>}, or {@code Y} for {@code X = ? extends Y}
 * @param payloadType what JSON encoders need to know: the element type itself, or the data type
 *     {@code Y} of an {@code SseEvent<Y>}
 * @param covariantEvents whether the element is {@code SseEvent<? extends Y>}, whose encoder is
 *     adapted from the one of {@code SseEvent<Y>}
 * @param naming the names of its events, and the subtypes a sealed element type dispatches to
 * @param throwing what the user's method declares it throws
 * @param heartbeat the endpoint's own heartbeat interval, never negative, {@link Duration#ZERO} for
 *     none; null to use the server's
 * @param maxStreams the most event streams open at once, 0 for no limit of the endpoint's own
 */
record EndpointModel(
    String path,
    String methodName,
    String displayName,
    List<ParamBinding> params,
    ReturnKind kind,
    Encoding encoding,
    TypeName elementType,
    TypeName payloadType,
    boolean covariantEvents,
    EventNaming naming,
    Throwing throwing,
    Duration heartbeat,
    int maxStreams,
    ExecutableElement origin) {

  EndpointModel {
    params = List.copyOf(params);
  }

  /** What the method's {@code throws} clause holds, as far as the route must care. */
  enum Throwing {
    /** No {@code throws} clause. */
    NOTHING,
    /** Exceptions and errors only: the route declares {@code throws Exception}. */
    EXCEPTIONS,
    /**
     * A {@code Throwable} that is neither an exception nor an error, which a route cannot rethrow
     * as it is: it is wrapped.
     */
    THROWABLES
  }
}
