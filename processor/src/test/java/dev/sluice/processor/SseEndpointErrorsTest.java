package dev.sluice.processor;

import static dev.sluice.processor.ExpectedErrors.assertErrors;
import static dev.sluice.processor.ExpectedErrors.error;
import static dev.sluice.processor.ExpectedErrors.javacError;
import static dev.sluice.processor.TestSources.compile;
import static dev.sluice.processor.TestSources.endpoint;
import static dev.sluice.processor.TestSources.nestedEndpoint;
import static dev.sluice.processor.TestSources.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per rule: the message, how many errors, and the line each lands on. */
class SseEndpointErrorsTest {

  /** A public class {@code name} with one endpoint at {@code path} taking {@code parameters}. */
  private static JavaFileObject endpointTaking(String name, String path, String parameters) {
    return endpoint(
        "public class " + name, path, "public Stream<String> events(" + parameters + ")");
  }

  /** The one error of an endpoint returning {@code returnType}, on the method. */
  private static void assertReturnError(String returnType, String message) {
    JavaFileObject source =
        endpoint("public class Returns", "/events", "public " + returnType + " events()");
    assertErrors(compile(source), error(source, message, " events()"));
  }

  /** The one error of an endpoint at {@code path}, on its annotation. */
  private static void assertPathError(String path, String message) {
    JavaFileObject source = endpointTaking("Paths", path, "");
    assertErrors(compile(source), error(source, message, "@SseEndpoint("));
  }

  // Rule 1: the method and its class.

  @Test
  void privateMethod_isRejected() {
    JavaFileObject source =
        endpoint("public class PrivateMethod", "/events", "private Stream<String> events()");
    assertErrors(
        compile(source),
        error(
            source,
            Messages.METHOD_NOT_PUBLIC.format("events()", "private"),
            "Stream<String> events()"));
  }

  @Test
  void staticMethod_isRejected() {
    JavaFileObject source =
        endpoint("public class StaticMethod", "/events", "public static Stream<String> events()");
    assertErrors(
        compile(source),
        error(source, Messages.STATIC_METHOD.format("events()"), "Stream<String> events()"));
  }

  @Test
  void genericMethod_isRejected() {
    JavaFileObject source =
        endpoint("public class GenericMethod", "/events", "public <T> Stream<String> events()");
    assertErrors(
        compile(source),
        error(source, Messages.GENERIC_METHOD.format("events()", "T"), "Stream<String> events()"));
  }

  @Test
  void packagePrivateClass_isRejected() {
    JavaFileObject source = endpoint("class Hidden", "/events", "public Stream<String> events()");
    assertErrors(
        compile(source),
        error(
            source, Messages.CLASS_NOT_PUBLIC.format("Hidden", "package-private"), "class Hidden"));
  }

  @Test
  void innerClass_isRejected() {
    JavaFileObject source =
        nestedEndpoint(
            "public class Outer",
            "public class Inner",
            "/events",
            "public Stream<String> events()");
    assertErrors(
        compile(source), error(source, Messages.INNER_CLASS.format("Outer.Inner"), "class Inner"));
  }

  @Test
  void genericClass_isRejected() {
    JavaFileObject source =
        endpoint("public class Generic<T>", "/events", "public Stream<String> events()");
    assertErrors(
        compile(source),
        error(source, Messages.GENERIC_CLASS.format("Generic", "T"), "class Generic"));
  }

  @Test
  void genericEnclosingClass_isRejected() {
    JavaFileObject source =
        nestedEndpoint(
            "public class Holder<K, V>",
            "public static class Endpoints",
            "/events",
            "public Stream<String> events()");
    assertErrors(
        compile(source),
        error(source, Messages.GENERIC_CLASS.format("Holder", "K, V"), "class Holder"));
  }

  // Rule 2: the return type.

  @Test
  void listReturnType_isRejected() {
    assertReturnError("List<String>", Messages.RETURN_TYPE.format("events()", "List<String>"));
  }

  @Test
  void rawPublisher_isRejected() {
    assertReturnError(
        "Flow.Publisher", Messages.RAW_RETURN_TYPE.format("events()", "Flow.Publisher"));
  }

  @Test
  void rawSseEvent_isRejected() {
    assertReturnError(
        "Stream<SseEvent>",
        Messages.RAW_ELEMENT.format("events()", "Stream<SseEvent>", "SseEvent"));
  }

  @Test
  void unboundedWildcard_isRejected() {
    assertReturnError("Stream<?>", Messages.WILDCARD_ELEMENT.format("events()", "Stream<?>"));
  }

  @Test
  void superWildcard_isRejected() {
    assertReturnError(
        "Stream<? super String>",
        Messages.WILDCARD_ELEMENT.format("events()", "Stream<? super String>"));
  }

  @Test
  void wildcardEventData_isRejected() {
    assertReturnError(
        "Flow.Publisher<SseEvent<?>>",
        Messages.WILDCARD_ELEMENT.format("events()", "Flow.Publisher<SseEvent<?>>"));
  }

  /** The type variable is only possible on a generic method, which is an error of its own. */
  @Test
  void typeVariableElement_isRejected() {
    JavaFileObject source =
        endpoint("public class Variable", "/events", "public <T> Stream<List<T>> events()");
    assertErrors(
        compile(source),
        error(
            source,
            Messages.TYPE_VARIABLE_ELEMENT.format("events()", "Stream<List<T>>", "T"),
            "events()"),
        error(source, Messages.GENERIC_METHOD.format("events()", "T"), "events()"));
  }

  @Test
  void rawFlux_isRejected() {
    assertReturnError(
        "reactor.core.publisher.Flux", Messages.RAW_RETURN_TYPE.format("events()", "Flux"));
  }

  @Test
  void wildcardFlux_isRejected() {
    assertReturnError(
        "reactor.core.publisher.Flux<?>", Messages.WILDCARD_ELEMENT.format("events()", "Flux<?>"));
  }

  @Test
  void fluxOfRawSseEvent_isRejected() {
    assertReturnError(
        "reactor.core.publisher.Flux<SseEvent>",
        Messages.RAW_ELEMENT.format("events()", "Flux<SseEvent>", "SseEvent"));
  }

  @Test
  void classExtendingRawPublisher_isRejected() {
    JavaFileObject source =
        endpoint(
            "public class RawTicks",
            List.of(
                "@SuppressWarnings(\"rawtypes\")",
                "public static class Ticks extends java.util.concurrent.SubmissionPublisher {}"),
            "/events",
            "public Ticks events()");
    assertErrors(
        compile(source),
        error(
            source,
            Messages.RAW_SUPERTYPE.format("events()", "RawTicks.Ticks", "Flow.Publisher"),
            " events()"));
  }

  @Test
  void elementTypeInheritedFromAnInaccessibleType_isRejected() {
    JavaFileObject source =
        endpoint(
            "public class HiddenTicks",
            List.of(
                "private static class Tick {}",
                "public static class Ticks",
                "    extends java.util.concurrent.SubmissionPublisher<Tick> {}"),
            "/events",
            "public Ticks events()");
    assertErrors(
        compile(source),
        error(
            source,
            Messages.INACCESSIBLE_TYPE.format(
                "test",
                "events()",
                "HiddenTicks.Tick",
                "HiddenTicks.Tick",
                "private",
                "package-private or public"),
            " events()"));
  }

  @Test
  void rxJava3Observable_isRejectedWithTheFlowableFix() {
    assertReturnError(
        "io.reactivex.rxjava3.core.Observable<String>",
        Messages.NO_BACKPRESSURE.format("events()", "Observable<String>"));
  }

  /** A Subject is an Observable too: misfits are found among the supertypes as well. */
  @Test
  void rxJava3Subject_isRejectedAsAnObservable() {
    assertReturnError(
        "io.reactivex.rxjava3.subjects.PublishSubject<String>",
        Messages.NO_BACKPRESSURE.format("events()", "PublishSubject<String>"));
  }

  /** RxJava 2 is not on the test class path: its Observable stands in by name. */
  @Test
  void rxJava2Observable_isRejectedWithTheFlowableFix() {
    JavaFileObject observable =
        JavaFileObjects.forSourceLines(
            "io.reactivex.Observable",
            "package io.reactivex;",
            "",
            "public abstract class Observable<T> implements ObservableSource<T> {}");
    JavaFileObject observableSource =
        JavaFileObjects.forSourceLines(
            "io.reactivex.ObservableSource",
            "package io.reactivex;",
            "",
            "public interface ObservableSource<T> {}");
    JavaFileObject source =
        endpoint("public class Rx2", "/events", "public io.reactivex.Observable<String> events()");
    assertErrors(
        compile(source, observable, observableSource),
        error(
            source,
            Messages.NO_BACKPRESSURE.format("events()", "Observable<String>"),
            " events()"));
  }

  @Test
  void rxJava3Single_isRejectedWithTheToFlowableFix() {
    assertReturnError(
        "io.reactivex.rxjava3.core.Single<String>",
        Messages.SINGLE_VALUE.format("events()", "Single<String>", "its toFlowable()"));
  }

  @Test
  void rxJava3Maybe_isRejectedWithTheToFlowableFix() {
    assertReturnError(
        "io.reactivex.rxjava3.core.Maybe<String>",
        Messages.SINGLE_VALUE.format("events()", "Maybe<String>", "its toFlowable()"));
  }

  @Test
  void rxJava3Completable_isRejectedWithTheToFlowableFix() {
    assertReturnError(
        "io.reactivex.rxjava3.core.Completable",
        Messages.SINGLE_VALUE.format("events()", "Completable", "its toFlowable()"));
  }

  @Test
  void mutinyUni_isRejectedWithTheToMultiFix() {
    assertReturnError(
        "io.smallrye.mutiny.Uni<String>",
        Messages.SINGLE_VALUE.format("events()", "Uni<String>", "its toMulti()"));
  }

  @Test
  void completableFuture_isRejectedAsASingleValue() {
    assertReturnError(
        "java.util.concurrent.CompletableFuture<String>",
        Messages.SINGLE_VALUE.format(
            "events()",
            "CompletableFuture<String>",
            "Mono.fromCompletionStage(..) or Multi.createFrom().completionStage(..) of it"));
  }

  /** Pekko is not on the test class path: its Source stands in by name. */
  @Test
  void pekkoSource_isRejectedWithTheRunWithFix() {
    JavaFileObject pekkoSource =
        JavaFileObjects.forSourceLines(
            "org.apache.pekko.stream.javadsl.Source",
            "package org.apache.pekko.stream.javadsl;",
            "",
            "public final class Source<Out, Mat> {}");
    JavaFileObject source =
        endpoint(
            "public class Pekko",
            "/events",
            "public org.apache.pekko.stream.javadsl.Source<String, Void> events()");
    assertErrors(
        compile(source, pekkoSource),
        error(
            source,
            Messages.UNMATERIALIZED_SOURCE.format("events()", "Source<String,Void>"),
            " events()"));
  }

  // Rule 3: the path template.

  @Test
  void pathWithoutLeadingSlash_isRejected() {
    assertPathError("events", Messages.PATH_START.format("events"));
  }

  @Test
  void pathWithQuery_isRejected() {
    assertPathError("/events?x=1", Messages.PATH_CHARACTERS.format("/events?x=1"));
  }

  @Test
  void unbalancedBraces_areRejected() {
    assertPathError("/rooms/{room", Messages.PATH_BRACES.format("/rooms/{room"));
  }

  @Test
  void nestedBraces_areRejected() {
    assertPathError("/rooms/{{room}}", Messages.PATH_BRACES.format("/rooms/{{room}}"));
  }

  @Test
  void emptyVariable_isRejected() {
    assertPathError("/rooms/{}", Messages.PATH_EMPTY_VARIABLE.format("/rooms/{}"));
  }

  @Test
  void badVariableName_isRejected() {
    assertPathError("/rooms/{1st}", Messages.PATH_VARIABLE_NAME.format("/rooms/{1st}", "1st"));
  }

  @Test
  void repeatedVariable_isRejected() {
    assertPathError(
        "/rooms/{id}/{id}", Messages.PATH_DUPLICATE_VARIABLE.format("/rooms/{id}/{id}", "id"));
  }

  @Test
  void variableInsideSegment_isRejected() {
    assertPathError("/a/{b}c", Messages.PATH_SEGMENT.format("/a/{b}c", "b", "{b}c"));
  }

  // Rule 4: path variables and @PathParam.

  @Test
  void variableWithoutPathParam_isRejected() {
    JavaFileObject source = endpointTaking("Unbound", "/rooms/{room}", "");
    assertErrors(
        compile(source),
        error(source, Messages.UNBOUND_VARIABLE.format("events()", "room"), "@SseEndpoint("));
  }

  @Test
  void pathParamWithoutVariable_isRejected() {
    JavaFileObject source = endpointTaking("Unknown", "/rooms", "@PathParam(\"room\") String room");
    assertErrors(
        compile(source),
        error(
            source,
            Messages.UNKNOWN_PATH_PARAM.format("room", "room", "/rooms"),
            "@PathParam(\"room\")"));
  }

  @Test
  void twoParametersForOneVariable_areRejected() {
    JavaFileObject source =
        endpoint(
            "public class Twice",
            "/rooms/{room}",
            "public Stream<String> events(",
            "    @PathParam(\"room\") String room,",
            "    @PathParam(\"room\") String again)");
    assertErrors(
        compile(source),
        error(
            source, Messages.DUPLICATE_PATH_PARAM.format("room", "again", "room"), "String again"));
  }

  // Rule 5: unique routes.

  @Test
  void samePathTwice_isRejectedOnTheSecond() {
    JavaFileObject first = endpointTaking("Alpha", "/rooms/{x}", "@PathParam(\"x\") String x");
    JavaFileObject second = endpointTaking("Beta", "/rooms/{y}", "@PathParam(\"y\") String y");
    assertErrors(
        compile(second, first),
        error(
            second,
            Messages.DUPLICATE_PATH.format("/rooms/{y}", "Beta.events", "Alpha.events"),
            "@SseEndpoint("));
  }

  // Rule 6: parameter annotations.

  @Test
  void unannotatedParameter_isRejected() {
    JavaFileObject source = endpointTaking("Bare", "/events", "String foo");
    assertErrors(
        compile(source), error(source, Messages.UNANNOTATED_PARAMETER.format("foo"), "String foo"));
  }

  @Test
  void twoAnnotationsOnOneParameter_areRejected() {
    JavaFileObject source =
        endpointTaking("Both", "/events", "@QueryParam(\"a\") @HeaderParam(\"b\") String token");
    assertErrors(
        compile(source),
        error(
            source,
            Messages.CONFLICTING_ANNOTATIONS.format("token", "@QueryParam and @HeaderParam"),
            "String token"));
  }

  @Test
  void blankName_isRejected() {
    JavaFileObject source = endpointTaking("Blank", "/events", "@HeaderParam(\" \") String token");
    assertErrors(
        compile(source),
        error(source, Messages.BLANK_NAME.format("HeaderParam", "token"), "String token"));
  }

  // Rule 7: parameter types.

  @Test
  void unsupportedParameterType_isRejected() {
    JavaFileObject source =
        endpointTaking("Dates", "/events", "@QueryParam(\"day\") java.time.LocalDate day");
    assertErrors(
        compile(source),
        error(
            source,
            Messages.PARAMETER_TYPE.format("QueryParam", "day", "LocalDate"),
            "LocalDate day"));
  }

  @Test
  void optionalPathParam_isRejected() {
    JavaFileObject source =
        endpointTaking("Maybe", "/rooms/{room}", "@PathParam(\"room\") Optional<String> room");
    assertErrors(
        compile(source),
        error(
            source,
            Messages.OPTIONAL_PATH_PARAM.format("room", "Optional<String>", "String"),
            "Optional<String> room"));
  }

  @Test
  void nonStringLastEventId_isRejected() {
    JavaFileObject source = endpointTaking("Ids", "/events", "@LastEventId long lastId");
    assertErrors(
        compile(source),
        error(source, Messages.LAST_EVENT_ID_TYPE.format("lastId", "long"), "long lastId"));
  }

  // Rule 8: the heartbeat and the stream limit.

  /** An endpoint whose annotation sets each of {@code attributes} on a line of its own. */
  private static JavaFileObject withAttributes(String name, String... attributes) {
    List<String> lines = new ArrayList<>();
    lines.add("public class " + name + " {");
    lines.add("  @SseEndpoint(");
    lines.add("      value = \"/events\",");
    for (int i = 0; i < attributes.length; i++) {
      lines.add("      " + attributes[i] + (i < attributes.length - 1 ? "," : ")"));
    }
    lines.addAll(List.of("  public Stream<String> events() {", "    return null;", "  }", "}"));
    return source(name, lines.toArray(String[]::new));
  }

  @Test
  void heartbeatThatIsNoDuration_isRejected() {
    JavaFileObject source = withAttributes("Soon", "heartbeat = \"soon\"");
    assertErrors(
        compile(source), error(source, Messages.HEARTBEAT.format("soon"), "heartbeat = \"soon\""));
  }

  @Test
  void negativeHeartbeat_isRejected() {
    JavaFileObject source = withAttributes("Backwards", "heartbeat = \"-PT5S\"");
    assertErrors(
        compile(source),
        error(source, Messages.NEGATIVE_HEARTBEAT.format("-PT5S"), "heartbeat = \"-PT5S\""));
  }

  @Test
  void negativeMaxStreams_isRejected() {
    JavaFileObject source = withAttributes("Crowded", "maxStreams = -1");
    assertErrors(
        compile(source), error(source, Messages.MAX_STREAMS.format(-1), "maxStreams = -1"));
  }

  @Test
  void badHeartbeatAndMaxStreams_areBothReported() {
    JavaFileObject source = withAttributes("Both", "heartbeat = \"5 seconds\"", "maxStreams = -3");
    assertErrors(
        compile(source),
        error(source, Messages.HEARTBEAT.format("5 seconds"), "heartbeat = "),
        error(source, Messages.MAX_STREAMS.format(-3), "maxStreams = -3"));
  }

  // Rule 9: types that do not exist (yet).

  @Test
  void missingType_isReportedInTheLastRound() {
    JavaFileObject source =
        endpoint("public class Missing", "/events", "public Stream<Nowhere> events()");
    assertErrors(
        compile(source),
        error(source, Messages.UNRESOLVED_TYPE.format("Missing", "Nowhere"), "events()"),
        javacError(source, "cannot find symbol", "events()"));
  }

  /**
   * Reactor without the reactive-streams jar: Flux's supertype Publisher is missing, so what the
   * method returns cannot be told, and the message says so instead of calling Flux no publisher.
   */
  @Test
  void supertypeMissingFromTheClassPath_isUnresolved() {
    JavaFileObject source =
        endpoint(
            "public class NoJar", "/events", "public reactor.core.publisher.Flux<String> events()");
    Compilation compilation =
        TestSources.compiler()
            .withClasspath(
                List.of(
                    jarOf(reactor.core.publisher.Flux.class),
                    jarOf(dev.sluice.annotation.SseEndpoint.class),
                    jarOf(dev.sluice.SseEvent.class)))
            .compile(source);

    assertErrors(
        compilation,
        error(source, Messages.UNRESOLVED_TYPE.format("NoJar", "Publisher<String>"), " events()"));
  }

  private static File jarOf(Class<?> type) {
    try {
      return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  // All rules at once.

  @Test
  void threeMistakes_reportThreeErrors() {
    JavaFileObject source =
        endpoint("public class Careless", "rooms/{room}", "List<String> events(String room)");
    assertErrors(
        compile(source),
        error(
            source,
            Messages.METHOD_NOT_PUBLIC.format("events()", "package-private"),
            "events(String room)"),
        error(
            source, Messages.RETURN_TYPE.format("events()", "List<String>"), "events(String room)"),
        error(source, Messages.PATH_START.format("rooms/{room}"), "@SseEndpoint("),
        error(source, Messages.UNANNOTATED_PARAMETER.format("room"), "events(String room)"));
  }

  // Rule: the generated routes, in the endpoint's package, can name every type it uses.

  @Test
  void privateElementType_isRejectedOnTheMethod() {
    JavaFileObject source =
        endpoint(
            "public class Hidden",
            List.of("private record Point(int x, int y) {}"),
            "/points",
            "public Stream<Point> points()");
    assertErrors(
        compile(source),
        error(
            source,
            Messages.INACCESSIBLE_TYPE.format(
                "test",
                "points()",
                "Stream<Hidden.Point>",
                "Hidden.Point",
                "private",
                "package-private or public"),
            "Stream<Point> points()"));
  }

  @Test
  void privateEnumParameter_isRejectedOnTheParameter() {
    JavaFileObject source =
        endpoint(
            "public class HiddenEnum",
            List.of("private enum Color { RED }"),
            "/colors",
            "public Stream<String> colors(",
            "    @QueryParam(\"color\") Optional<Color> color)");
    assertErrors(
        compile(source),
        error(
            source,
            Messages.INACCESSIBLE_TYPE.format(
                "test",
                "parameter 'color'",
                "Optional<HiddenEnum.Color>",
                "HiddenEnum.Color",
                "private",
                "package-private or public"),
            "Optional<Color> color"));
  }

  @Test
  void protectedTypeOfASuperclassInAnotherPackage_isRejected() {
    JavaFileObject base =
        JavaFileObjects.forSourceLines(
            "other.Base",
            "package other;",
            "",
            "public class Base {",
            "  protected record Secret(int x) {}",
            "}");
    JavaFileObject source =
        endpoint(
            "public class Heir extends other.Base",
            "/secrets",
            "public Stream<List<Secret>> secrets()");
    assertErrors(
        compile(source, base),
        error(
            source,
            Messages.INACCESSIBLE_TYPE.format(
                "test",
                "secrets()",
                "Stream<List<Base.Secret>>",
                "Base.Secret",
                "protected in other",
                "public"),
            "Stream<List<Secret>> secrets()"));
  }

  // Rule: paths that some request can match.

  @Test
  void emptySegment_isRejected() {
    assertPathError("/a//b", Messages.PATH_EMPTY_SEGMENT.format("/a//b"));
  }

  @Test
  void trailingSlash_isRejected() {
    assertPathError("/a/", Messages.PATH_EMPTY_SEGMENT.format("/a/"));
  }

  @Test
  void percentInLiteralSegment_isRejected() {
    assertPathError("/a%20b/c", Messages.PATH_PERCENT.format("/a%20b/c", "a%20b"));
  }

  // Rule: Sluice annotations where they mean something.

  @Test
  void parameterAnnotationOutsideAnEndpoint_isRejected() {
    JavaFileObject source =
        source(
            "Helper",
            "public class Helper {",
            "  public Helper(@HeaderParam(\"X-A\") String a) {}",
            "",
            "  public String helper(@QueryParam(\"n\") int n) {",
            "    return null;",
            "  }",
            "}");
    assertErrors(
        compile(source),
        error(
            source,
            Messages.MISPLACED_ANNOTATION.format("QueryParam", "helper()"),
            "@QueryParam(\"n\")"),
        error(
            source,
            Messages.MISPLACED_ANNOTATION.format("HeaderParam", "the constructor of Helper"),
            "@HeaderParam(\"X-A\")"));
  }

  /** Javac reports the annotation on a class; Sluice adds nothing, and no internal error. */
  @Test
  void endpointAnnotationOnAClass_isJavacsErrorOnly() {
    JavaFileObject source =
        source(
            "OnClass",
            "@SseEndpoint(\"/class\")",
            "public class OnClass {",
            "  @SseEndpoint(\"/fine\")",
            "  public Stream<String> fine() {",
            "    return null;",
            "  }",
            "}");
    assertErrors(compile(source), javacError(source, "not applicable", "@SseEndpoint(\"/class\")"));
  }

  // Rule: inherited endpoints.

  @Test
  void annotatedOverrideOfAnEndpoint_isRejected() {
    JavaFileObject parent =
        endpoint("public class Parent", "/events", "public Stream<String> events()");
    JavaFileObject child =
        endpoint(
            "public class Child extends Parent",
            "/child-events",
            "@Override",
            "public Stream<String> events()");
    assertErrors(
        compile(parent, child),
        error(
            child,
            Messages.OVERRIDDEN_ENDPOINT.format("events()", "Parent"),
            "@SseEndpoint(\"/child-events\")"));
  }

  @Test
  void pathOfAnInheritedEndpoint_isTaken() {
    JavaFileObject api =
        endpoint(
            "public interface Api",
            "/feed/{id}",
            "default Stream<String> feed(@PathParam(\"id\") String id)");
    JavaFileObject impl =
        endpoint(
            "public class Impl implements Api",
            "/feed/{name}",
            "public Stream<String> byName(@PathParam(\"name\") String name)");
    assertErrors(
        compile(impl, api),
        error(
            impl,
            Messages.DUPLICATE_PATH.format("/feed/{name}", "Impl.byName", "Api.feed"),
            "@SseEndpoint(\"/feed/{name}\")"));
  }

  // Rule: repeated parameters are lists or sets of a supported type, never of a path variable.

  @Test
  void multiValuedPathParam_isRejected() {
    JavaFileObject source =
        endpointTaking("ListPath", "/a/{ids}", "@PathParam(\"ids\") List<UUID> ids");
    assertErrors(
        compile(source),
        error(
            source,
            Messages.MULTI_VALUED_PATH_PARAM.format("ids", "List<UUID>", "UUID"),
            "List<UUID> ids"));
  }

  @Test
  void listOfOptionals_isRejected() {
    JavaFileObject source =
        endpointTaking("ListOfOptionals", "/a", "@QueryParam(\"tag\") List<Optional<String>> tags");
    assertErrors(
        compile(source),
        error(
            source,
            Messages.PARAMETER_TYPE.format("QueryParam", "tags", "List<Optional<String>>"),
            "List<Optional<String>> tags"));
  }

  @Test
  void rawListAndCollection_areRejected() {
    JavaFileObject source =
        endpointTaking(
            "RawList",
            "/a",
            "@QueryParam(\"a\") @SuppressWarnings(\"rawtypes\") List raw,"
                + " @HeaderParam(\"b\") java.util.Collection<String> all");
    assertErrors(
        compile(source),
        error(source, Messages.PARAMETER_TYPE.format("QueryParam", "raw", "List"), "List raw"),
        error(
            source,
            Messages.PARAMETER_TYPE.format("HeaderParam", "all", "Collection<String>"),
            "List raw"));
  }

  // Rule: event names that clients can tell apart.

  @Test
  void blankEventName_isRejectedOnTheAnnotation() {
    JavaFileObject source =
        source(
            "Blank", "@dev.sluice.annotation.SseEventName(\" \")", "public record Blank(int x) {}");
    assertErrors(
        compile(source), error(source, Messages.BLANK_EVENT_NAME.format("Blank"), "SseEventName("));
  }

  @Test
  void eventNameWithLineBreak_isRejectedOnTheAnnotation() {
    JavaFileObject source =
        source(
            "Broken",
            "@dev.sluice.annotation.SseEventName(\"a\\nb\")",
            "public record Broken(int x) {}");
    assertErrors(
        compile(source),
        error(source, Messages.EVENT_NAME_LINE_BREAK.format("Broken", "a\\nb"), "SseEventName("));
  }

  /** A sealed hierarchy for the tests below, with {@code said} declaring Said. */
  private static JavaFileObject chat(String name, String... said) {
    List<String> members = new ArrayList<>();
    members.add("public sealed interface Event permits Joined, Said {}");
    members.add("@dev.sluice.annotation.SseEventName(\"joined\")");
    members.add("public record Joined(String user) implements Event {}");
    members.addAll(List.of(said));
    return endpoint("public class " + name, members, "/chat", "public Stream<Event> chat()");
  }

  @Test
  void twoSubtypesWithOneName_areRejectedOnTheMethod() {
    JavaFileObject source =
        chat(
            "Twice",
            "@dev.sluice.annotation.SseEventName(\"joined\")",
            "public record Said(String text) implements Event {}");
    assertErrors(
        compile(source),
        error(
            source,
            Messages.DUPLICATE_EVENT_NAME.format(
                "Twice.Event", "chat()", "Twice.Joined", "Twice.Said", "joined"),
            "Stream<Event> chat()"));
  }

  @Test
  void unnamedSubtype_isRejectedOnTheMethod() {
    JavaFileObject source = chat("Unnamed", "public record Said(String text) implements Event {}");
    assertErrors(
        compile(source),
        error(
            source,
            Messages.UNNAMED_SUBTYPE.format("Unnamed.Event", "chat()", "Unnamed.Said"),
            "Stream<Event> chat()"));
  }

  @Test
  void privateNamedSubtype_isRejectedOnTheMethod() {
    JavaFileObject source =
        chat(
            "Private",
            "@dev.sluice.annotation.SseEventName(\"said\")",
            "private record Said(String text) implements Event {}");
    assertErrors(
        compile(source),
        error(
            source,
            Messages.INACCESSIBLE_TYPE.format(
                "test",
                "chat()",
                "Private.Said",
                "Private.Said",
                "private",
                "package-private or public"),
            "Stream<Event> chat()"));
  }

  /** Javac reports the missing value; Sluice reports nothing more, and no internal error. */
  @Test
  void annotationWithoutItsValue_isJavacsErrorOnly() {
    JavaFileObject source =
        source(
            "NoValue",
            "public class NoValue {",
            "  @SseEndpoint",
            "  public Stream<String> events(@QueryParam String q) {",
            "    return null;",
            "  }",
            "}");
    assertErrors(
        compile(source),
        javacError(source, "missing a default value", "@SseEndpoint"),
        javacError(source, "missing a default value", "@QueryParam String q"));
  }
}
