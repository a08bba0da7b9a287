package dev.sluice.processor;

import dev.sluice.wire.PathTemplate.Rule;

/**
 * Every diagnostic the processor reports. Each starts with a stable tag, such as {@code
 * [SluiceReturnType]}, so that a message is easy to search for, and states the rule, what was found
 * and, where there is one, the fix. Tests import these to assert exact messages.
 */
public enum Messages {
  METHOD_NOT_PUBLIC(
      "SluiceMethodNotPublic", "@SseEndpoint methods must be public, but %s is %s; make it public"),
  STATIC_METHOD(
      "SluiceStaticMethod",
      "@SseEndpoint methods must be instance methods, since the route calls them on the"
          + " registered object, but %s is static; remove static"),
  GENERIC_METHOD(
      "SluiceGenericMethod",
      "@SseEndpoint methods cannot have type parameters, but %s declares <%s>; use concrete types"),
  CLASS_NOT_PUBLIC(
      "SluiceClassNotPublic",
      "classes with @SseEndpoint methods, and the classes around them, must be public, but %s is"
          + " %s; make it public"),
  INNER_CLASS(
      "SluiceInnerClass",
      "classes with @SseEndpoint methods must be top-level or static nested classes, but %s is an"
          + " inner class; make it static"),
  LOCAL_CLASS(
      "SluiceLocalClass",
      "classes with @SseEndpoint methods must be top-level or static nested classes, but %s is a"
          + " local or anonymous class; make it a top-level or static nested class"),
  GENERIC_CLASS(
      "SluiceGenericClass",
      "classes with @SseEndpoint methods, and the classes around them, cannot be generic, but %s"
          + " declares <%s>; use concrete types"),
  RETURN_TYPE(
      "SluiceReturnType",
      "@SseEndpoint methods must return a Flow.Publisher<X>, a Reactive Streams Publisher<X> (such"
          + " as Flux<X> or Flowable<X>) or a Stream<X>, or a subtype of one, but %s returns %s"),
  RAW_RETURN_TYPE(
      "SluiceRawReturnType",
      "@SseEndpoint methods must give the element type of what they return, but %1$s returns the"
          + " raw %2$s; declare %2$s<X>"),
  RAW_SUPERTYPE(
      "SluiceRawSupertype",
      "@SseEndpoint methods must give the element type of what they return, but %1$s returns"
          + " %2$s, which extends the raw %3$s; give %3$s its type argument where %2$s extends"
          + " it"),
  NO_BACKPRESSURE(
      "SluiceNoBackpressure",
      "@SseEndpoint methods must return a type with backpressure, so that a slow client slows"
          + " its source down instead of filling the server's memory, but %s returns %s, an RxJava"
          + " Observable, which has none; return observable.toFlowable(BackpressureStrategy.X),"
          + " where X says what a slow client gets: LATEST or DROP to skip events, BUFFER to queue"
          + " them all, ERROR to fail its stream"),
  SINGLE_VALUE(
      "SluiceSingleValue",
      "@SseEndpoint methods return a stream of events, which a client reconnects to (calling the"
          + " method again) when it ends, but %s returns %s, which holds one value at most; return"
          + " a publisher of every event, or %s for a stream of that one event"),
  UNMATERIALIZED_SOURCE(
      "SluiceUnmaterializedSource",
      "@SseEndpoint methods must return a running publisher, but %s returns %s, a Source that"
          + " only describes a stream until it is materialized; return"
          + " source.runWith(Sink.asPublisher(AsPublisher.WITHOUT_FANOUT), materializer)"),
  WILDCARD_ELEMENT(
      "SluiceWildcardElement",
      "@SseEndpoint element types must be known at compile time, but %s returns %s; use a type,"
          + " or ? extends a type"),
  RAW_ELEMENT(
      "SluiceRawElementType",
      "@SseEndpoint element types cannot be raw, but %s returns %s, where %s has no type"
          + " arguments; give them, such as SseEvent<String>"),
  TYPE_VARIABLE_ELEMENT(
      "SluiceTypeVariableElement",
      "@SseEndpoint element types must be concrete, since their encoder is chosen at compile time,"
          + " but %s returns %s, which uses the type variable %s"),
  // The path rules are the grammar's own statements (dev.sluice.wire.PathTemplate.Rule), which
  // the runtime states too; here they are about an @SseEndpoint.
  PATH_START("SluicePathStart", path(Rule.START)),
  PATH_CHARACTERS(
      "SluicePathCharacters",
      path(Rule.CHARACTERS) + "; bind query parameters with @QueryParam instead"),
  PATH_BRACES("SluicePathBraces", path(Rule.BRACES)),
  PATH_EMPTY_VARIABLE("SluicePathEmptyVariable", path(Rule.EMPTY_VARIABLE)),
  PATH_VARIABLE_NAME("SluicePathVariableName", path(Rule.VARIABLE_NAME)),
  PATH_DUPLICATE_VARIABLE("SluicePathDuplicateVariable", path(Rule.DUPLICATE_VARIABLE)),
  PATH_EMPTY_SEGMENT("SluicePathEmptySegment", path(Rule.EMPTY_SEGMENT)),
  PATH_PERCENT("SluicePathPercent", path(Rule.PERCENT)),
  PATH_SEGMENT("SluicePathSegment", path(Rule.SEGMENT)),
  UNBOUND_VARIABLE(
      "SluiceUnboundVariable",
      "every {variable} of an @SseEndpoint path needs a @PathParam parameter, but %1$s has none"
          + " for {%2$s}; add @PathParam(\"%2$s\") to a parameter"),
  UNKNOWN_PATH_PARAM(
      "SluiceUnknownPathParam",
      "@PathParam must name a {variable} of the @SseEndpoint path, but parameter '%1$s' names"
          + " \"%2$s\" and \"%3$s\" has no {%2$s}; fix the name or add {%2$s} to the path"),
  DUPLICATE_PATH_PARAM(
      "SluiceDuplicatePathParam",
      "a path variable binds to one parameter, but '%s' and '%s' both have @PathParam(\"%s\");"
          + " remove one"),
  DUPLICATE_PATH(
      "SluiceDuplicatePath",
      "@SseEndpoint paths must be unique, but \"%s\" of %s is already served by %s; change one"
          + " of them"),
  OVERRIDDEN_ENDPOINT(
      "SluiceOverriddenEndpoint",
      "%1$s overrides the @SseEndpoint method %1$s of %2$s, and an override of an endpoint is that"
          + " endpoint (the route of %2$s calls the override); remove @SseEndpoint here, or give"
          + " the method another name for a second endpoint"),
  INACCESSIBLE_TYPE(
      "SluiceInaccessibleType",
      "the routes Sluice generates in package %1$s must name every type an @SseEndpoint method"
          + " uses, but %2$s uses %3$s, and %4$s is %5$s; make %4$s %6$s"),
  MISPLACED_ANNOTATION(
      "SluiceMisplacedAnnotation",
      "@%1$s binds parameters of @SseEndpoint methods only, but %2$s is not one; add"
          + " @SseEndpoint to it, or remove @%1$s"),
  MISSING_PROVIDES(
      "SluiceMissingProvides",
      "module %s must provide the routes Sluice generates in it, or ServiceLoader will not find"
          + " them on the module path, but its module-info.java does not list %s; write: %s"),
  UNANNOTATED_PARAMETER(
      "SluiceUnannotatedParameter",
      "Sluice cannot supply parameter '%s': annotate it with @PathParam, @QueryParam,"
          + " @HeaderParam, @LastEventId or @Authenticated"),
  CONFLICTING_ANNOTATIONS(
      "SluiceConflictingAnnotations",
      "a parameter takes one of @PathParam, @QueryParam, @HeaderParam and @LastEventId, but '%s'"
          + " has %s; keep one"),
  BLANK_NAME(
      "SluiceBlankName",
      "@%s needs a name, but parameter '%s' has a blank one; write the name the client uses"),
  PARAMETER_TYPE(
      "SluiceParameterType",
      "@%s parameters must be String, a primitive or its box, an enum, UUID, Duration, or"
          + " Optional, List or Set of these, but '%s' is %s"),
  OPTIONAL_PATH_PARAM(
      "SluiceOptionalPathParam",
      "@PathParam parameters cannot be Optional, since a matched path always has its variables,"
          + " but '%s' is %s; use %s"),
  MULTI_VALUED_PATH_PARAM(
      "SluiceMultiValuedPathParam",
      "@PathParam parameters take one value, the path segment, but '%s' is %s; use %s, or"
          + " @QueryParam for a repeated parameter"),
  AUTHENTICATED_COMBINED(
      "SluiceAuthenticatedCombined",
      "@Authenticated parameters get the request's principal, not a value the client sends, but"
          + " '%s' also has %s; remove %s, or @Authenticated"),
  AUTHENTICATED_TYPE(
      "SluiceAuthenticatedType",
      "@Authenticated parameters must be a class or interface without type arguments (the"
          + " type an authenticator is registered for), or Optional of one, but '%s' is %s"),
  DUPLICATE_AUTHENTICATED(
      "SluiceDuplicateAuthenticated",
      "an @SseEndpoint method takes the request's principal once, but %s has @Authenticated on"
          + " '%s' and '%s'; remove one"),
  LAST_EVENT_ID_TYPE(
      "SluiceLastEventIdType",
      "@LastEventId parameters must be String or Optional<String>, but '%s' is %s"),
  HEARTBEAT(
      "SluiceHeartbeat",
      "@SseEndpoint heartbeat must be an ISO-8601 duration such as \"PT15S\" (or \"PT0S\" to turn"
          + " heartbeats off), but was \"%s\""),
  NEGATIVE_HEARTBEAT(
      "SluiceNegativeHeartbeat",
      "@SseEndpoint heartbeat cannot be negative, but was \"%s\"; use a positive duration such as"
          + " \"PT15S\", or \"PT0S\" to turn heartbeats off"),
  MAX_STREAMS(
      "SluiceMaxStreams",
      "@SseEndpoint maxStreams cannot be negative, but was %d; use a positive limit, or 0 for no"
          + " limit of the endpoint's own"),
  BLANK_EVENT_NAME(
      "SluiceBlankEventName",
      "@SseEventName needs a name, but %s has a blank one; write the name clients listen for"),
  EVENT_NAME_LINE_BREAK(
      "SluiceEventNameLineBreak",
      "@SseEventName names are one line on the wire, but the name of %s has a line break:"
          + " \"%s\"; remove it"),
  DUPLICATE_EVENT_NAME(
      "SluiceDuplicateEventName",
      "the subtypes of %1$s, the events of %2$s, need distinct names so that clients can tell"
          + " them apart, but %3$s and %4$s are both named \"%5$s\"; rename one"),
  UNNAMED_SUBTYPE(
      "SluiceUnnamedSubtype",
      "once a subtype of the sealed %1$s is named, every subtype needs a name, so that clients"
          + " can tell the events of %2$s apart, but %3$s has none; add @SseEventName to %3$s"),
  UNRESOLVED_TYPE(
      "SluiceUnresolvedType",
      "Sluice cannot generate routes for %s, which uses the type %s that does not exist; check"
          + " its import, the processor that should generate it, or, for a supertype of a"
          + " library's class, that its jar is on the class path"),
  INTERNAL_ERROR(
      "SluiceInternalError",
      "internal error in Sluice's processor while processing %s; please report it: %s");

  private final String tag;
  private final String template;

  Messages(String tag, String template) {
    this.tag = tag;
    this.template = template;
  }

  private static String path(Rule rule) {
    return "@SseEndpoint " + rule.format();
  }

  /** The message of a broken path rule. */
  static Messages of(Rule rule) {
    return switch (rule) {
      case START -> PATH_START;
      case CHARACTERS -> PATH_CHARACTERS;
      case BRACES -> PATH_BRACES;
      case EMPTY_SEGMENT -> PATH_EMPTY_SEGMENT;
      case PERCENT -> PATH_PERCENT;
      case EMPTY_VARIABLE -> PATH_EMPTY_VARIABLE;
      case VARIABLE_NAME -> PATH_VARIABLE_NAME;
      case DUPLICATE_VARIABLE -> PATH_DUPLICATE_VARIABLE;
      case SEGMENT -> PATH_SEGMENT;
    };
  }

  /** The tag, without brackets: {@code SluiceReturnType}. */
  public String tag() {
    return tag;
  }

  /** The complete message for these arguments, tag first. */
  public String format(Object... args) {
    return "[" + tag + "] " + String.format(template, args);
  }
}
