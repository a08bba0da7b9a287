package dev.sluice.processor.openapi;

import java.util.List;
import javax.lang.model.type.TypeMirror;

/**
 * What the OpenAPI description of one endpoint needs to know.
 *
 * @param operationId unique in its class, as logs name the endpoint: {@code Clock.events}
 * @param tag the endpoint's class, which groups its operations: {@code Clock}
 * @param javadoc the method's documentation comment, or null
 * @param lastEventId whether the method reads the last event id
 * @param principalRequired whether it takes an {@code @Authenticated} principal that is not {@code
 *     Optional}, so that an anonymous request gets 401
 * @param eventObjects whether the elements are {@code SseEvent}s, which may name themselves
 * @param payload the type of JSON data, or null for text
 * @param eventName the name every event carries, or null
 * @param branches for a sealed element type with named subtypes, each subtype and its name
 */
public record StreamEndpoint(
    String path,
    String operationId,
    String tag,
    String javadoc,
    List<Parameter> parameters,
    boolean lastEventId,
    boolean principalRequired,
    boolean eventObjects,
    TypeMirror payload,
    String eventName,
    List<Branch> branches) {

  public StreamEndpoint {
    parameters = List.copyOf(parameters);
    branches = List.copyOf(branches);
  }

  /** Where a parameter is read from, as OpenAPI's {@code in} names it. */
  public enum Location {
    PATH("path"),
    QUERY("query"),
    HEADER("header");

    private final String in;

    Location(String in) {
      this.in = in;
    }

    String in() {
      return in;
    }
  }

  /**
   * A {@code @PathParam}, {@code @QueryParam} or {@code @HeaderParam}.
   *
   * @param valueType the type of one value: {@code X} for {@code Optional<X>} or {@code List<X>}
   * @param multiValued a {@code List} or {@code Set}, every value of the parameter
   */
  public record Parameter(
      Location location,
      String name,
      boolean required,
      boolean multiValued,
      TypeMirror valueType) {}

  /** One permitted subtype of a sealed element type, and the name its events carry. */
  public record Branch(String eventName, TypeMirror type) {}
}
