package dev.sluice.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.sluice.processor.TestSources.compile;
import static dev.sluice.processor.TestSources.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.net.URISyntaxException;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per rule: the message, how many errors, and the line each lands on. */
class SseEndpointErrorsTest {

  /** A public class {@code name} with one endpoint at {@code path} returning a String stream. */
  private static JavaFileObject endpoint(String name, String path, String parameters) {
    return source(
        name,
        "public class " + name + " {",
        "  @SseEndpoint(\"" + path + "\")",
        "  public Stream<String> events(" + parameters + ") {",
        "    return null;",
        "  }",
        "}");
  }

  private static void assertSingleError(
      Compilation compilation, JavaFileObject source, String message, String line) {
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
  }

  private static void assertPathError(String path, String message) {
    JavaFileObject source = endpoint("Paths", path, "");
    assertSingleError(compile(source), source, message, "@SseEndpoint(");
  }

  // Rule 1: the method and its class.

  @Test
  void privateMethod_isRejected() {
    JavaFileObject source =
        source(
            "PrivateMethod",
            "public class PrivateMethod {",
            "  @SseEndpoint(\"/events\")",
            "  private Stream<String> events() {",
            "    return null;",
            "  }",
            "}");
    assertSingleError(
        compile(source),
        source,
        Messages.METHOD_NOT_PUBLIC.format("events()", "private"),
        "Stream<String> events()");
  }

  @Test
  void staticMethod_isRejected() {
    JavaFileObject source =
        source(
            "StaticMethod",
            "public class StaticMethod {",
            "  @SseEndpoint(\"/events\")",
            "  public static Stream<String> events() {",
            "    return null;",
            "  }",
            "}");
    assertSingleError(
        compile(source),
        source,
        Messages.STATIC_METHOD.format("events()"),
        "Stream<String> events()");
  }

  @Test
  void genericMethod_isRejected() {
    JavaFileObject source =
        source(
            "GenericMethod",
            "public class GenericMethod {",
            "  @SseEndpoint(\"/events\")",
            "  public <T> Stream<String> events() {",
            "    return null;",
            "  }",
            "}");
    assertSingleError(
        compile(source),
        source,
        Messages.GENERIC_METHOD.format("events()", "T"),
        "Stream<String> events()");
  }

  @Test
  void packagePrivateClass_isRejected() {
    JavaFileObject source =
        source(
            "Hidden",
            "class Hidden {",
            "  @SseEndpoint(\"/events\")",
            "  public Stream<String> events() {",
            "    return null;",
            "  }",
            "}");
    assertSingleError(
        compile(source),
        source,
        Messages.CLASS_NOT_PUBLIC.format("Hidden", "package-private"),
        "class Hidden");
  }

  @Test
  void innerClass_isRejected() {
    JavaFileObject source =
        source(
            "Outer",
            "public class Outer {",
            "  public class Inner {",
            "    @SseEndpoint(\"/events\")",
            "    public Stream<String> events() {",
            "      return null;",
            "    }",
            "  }",
            "}");
    assertSingleError(
        compile(source), source, Messages.INNER_CLASS.format("Outer.Inner"), "class Inner");
  }

  @Test
  void genericClass_isRejected() {
    JavaFileObject source =
        source(
            "Generic",
            "public class Generic<T> {",
            "  @SseEndpoint(\"/events\")",
            "  public Stream<String> events() {",
            "    return null;",
            "  }",
            "}");
    assertSingleError(
        compile(source), source, Messages.GENERIC_CLASS.format("Generic", "T"), "class Generic");
  }

  @Test
  void genericEnclosingClass_isRejected() {
    JavaFileObject source =
        source(
            "Holder",
            "public class Holder<K, V> {",
            "  public static class Endpoints {",
            "    @SseEndpoint(\"/events\")",
            "    public Stream<String> events() {",
            "      return null;",
            "    }",
            "  }",
            "}");
    assertSingleError(
        compile(source), source, Messages.GENERIC_CLASS.format("Holder", "K, V"), "class Holder");
  }

  // Rule 2: the return type.

  private static void assertReturnError(String returnType, String message) {
    JavaFileObject source =
        source(
            "Returns",
            "public class Returns {",
            "  @SseEndpoint(\"/events\")",
            "  public " + returnType + " events() {",
            "    return null;",
            "  }",
            "}");
    assertSingleError(compile(source), source, message, " events()");
  }

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

  @Test
  void typeVariableElement_isRejected() {
    JavaFileObject source =
        source(
            "Variable",
            "public class Variable {",
            "  @SseEndpoint(\"/events\")",
            "  public <T> Stream<List<T>> events() {",
            "    return null;",
            "  }",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    // The type variable is only possible on a generic method, which is an error of its own.
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            Messages.TYPE_VARIABLE_ELEMENT.format("events()", "Stream<List<T>>", "T"))
        .inFile(source)
        .onLineContaining("events()");
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
        source(
            "RawTicks",
            "public class RawTicks {",
            "  @SuppressWarnings(\"rawtypes\")",
            "  public static class Ticks extends java.util.concurrent.SubmissionPublisher {}",
            "",
            "  @SseEndpoint(\"/events\")",
            "  public Ticks events() {",
            "    return null;",
            "  }",
            "}");
    assertSingleError(
        compile(source),
        source,
        Messages.RAW_SUPERTYPE.format("events()", "RawTicks.Ticks", "Flow.Publisher"),
        " events()");
  }

  @Test
  void elementTypeInheritedFromAnInaccessibleType_isRejected() {
    JavaFileObject source =
        source(
            "HiddenTicks",
            "public class HiddenTicks {",
            "  private static class Tick {}",
            "",
            "  public static class Ticks extends java.util.concurrent.SubmissionPublisher<Tick> {}",
            "",
            "  @SseEndpoint(\"/events\")",
            "  public Ticks events() {",
            "    return null;",
            "  }",
            "}");
    assertSingleError(
        compile(source),
        source,
        Messages.INACCESSIBLE_TYPE.format(
            "test",
            "events()",
            "HiddenTicks.Tick",
            "HiddenTicks.Tick",
            "private",
            "package-private or public"),
        " events()");
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
        source(
            "Rx2",
            "public class Rx2 {",
            "  @SseEndpoint(\"/events\")",
            "  public io.reactivex.Observable<String> events() {",
            "    return null;",
            "  }",
            "}");
    assertSingleError(
        compile(source, observable, observableSource),
        source,
        Messages.NO_BACKPRESSURE.format("events()", "Observable<String>"),
        " events()");
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
        source(
            "Pekko",
            "public class Pekko {",
            "  @SseEndpoint(\"/events\")",
            "  public org.apache.pekko.stream.javadsl.Source<String, Void> events() {",
            "    return null;",
            "  }",
            "}");
    assertSingleError(
        compile(source, pekkoSource),
        source,
        Messages.UNMATERIALIZED_SOURCE.format("events()", "Source<String,Void>"),
        " events()");
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
    JavaFileObject source = endpoint("Unbound", "/rooms/{room}", "");
    assertSingleError(
        compile(source),
        source,
        Messages.UNBOUND_VARIABLE.format("events()", "room"),
        "@SseEndpoint(");
  }

  @Test
  void pathParamWithoutVariable_isRejected() {
    JavaFileObject source = endpoint("Unknown", "/rooms", "@PathParam(\"room\") String room");
    assertSingleError(
        compile(source),
        source,
        Messages.UNKNOWN_PATH_PARAM.format("room", "room", "/rooms"),
        "@PathParam(\"room\")");
  }

  @Test
  void twoParametersForOneVariable_areRejected() {
    JavaFileObject source =
        source(
            "Twice",
            "public class Twice {",
            "  @SseEndpoint(\"/rooms/{room}\")",
            "  public Stream<String> events(",
            "      @PathParam(\"room\") String room,",
            "      @PathParam(\"room\") String again) {",
            "    return null;",
            "  }",
            "}");
    assertSingleError(
        compile(source),
        source,
        Messages.DUPLICATE_PATH_PARAM.format("room", "again", "room"),
        "String again");
  }

  // Rule 5: unique routes.

  @Test
  void samePathTwice_isRejectedOnTheSecond() {
    JavaFileObject first = endpoint("Alpha", "/rooms/{x}", "@PathParam(\"x\") String x");
    JavaFileObject second = endpoint("Beta", "/rooms/{y}", "@PathParam(\"y\") String y");
    assertSingleError(
        compile(second, first),
        second,
        Messages.DUPLICATE_PATH.format("/rooms/{y}", "Beta.events", "Alpha.events"),
        "@SseEndpoint(");
  }

  // Rule 6: parameter annotations.

  @Test
  void unannotatedParameter_isRejected() {
    JavaFileObject source = endpoint("Bare", "/events", "String foo");
    assertSingleError(
        compile(source), source, Messages.UNANNOTATED_PARAMETER.format("foo"), "String foo");
  }

  @Test
  void twoAnnotationsOnOneParameter_areRejected() {
    JavaFileObject source =
        endpoint("Both", "/events", "@QueryParam(\"a\") @HeaderParam(\"b\") String token");
    assertSingleError(
        compile(source),
        source,
        Messages.CONFLICTING_ANNOTATIONS.format("token", "@QueryParam and @HeaderParam"),
        "String token");
  }

  @Test
  void blankName_isRejected() {
    JavaFileObject source = endpoint("Blank", "/events", "@HeaderParam(\" \") String token");
    assertSingleError(
        compile(source),
        source,
        Messages.BLANK_NAME.format("HeaderParam", "token"),
        "String token");
  }

  // Rule 7: parameter types.

  @Test
  void unsupportedParameterType_isRejected() {
    JavaFileObject source =
        endpoint("Dates", "/events", "@QueryParam(\"day\") java.time.LocalDate day");
    assertSingleError(
        compile(source),
        source,
        Messages.PARAMETER_TYPE.format("QueryParam", "day", "LocalDate"),
        "LocalDate day");
  }

  @Test
  void optionalPathParam_isRejected() {
    JavaFileObject source =
        endpoint("Maybe", "/rooms/{room}", "@PathParam(\"room\") Optional<String> room");
    assertSingleError(
        compile(source),
        source,
        Messages.OPTIONAL_PATH_PARAM.format("room", "Optional<String>", "String"),
        "Optional<String> room");
  }

  @Test
  void nonStringLastEventId_isRejected() {
    JavaFileObject source = endpoint("Ids", "/events", "@LastEventId long lastId");
    assertSingleError(
        compile(source),
        source,
        Messages.LAST_EVENT_ID_TYPE.format("lastId", "long"),
        "long lastId");
  }

  // Rule 8: the heartbeat and the stream limit.

  /** An endpoint whose annotation sets {@code attribute} on a line of its own. */
  private static JavaFileObject withAttribute(String name, String attribute) {
    return source(
        name,
        "public class " + name + " {",
        "  @SseEndpoint(",
        "      value = \"/events\",",
        "      " + attribute + ")",
        "  public Stream<String> events() {",
        "    return null;",
        "  }",
        "}");
  }

  @Test
  void heartbeatThatIsNoDuration_isRejected() {
    JavaFileObject source = withAttribute("Soon", "heartbeat = \"soon\"");
    assertSingleError(
        compile(source), source, Messages.HEARTBEAT.format("soon"), "heartbeat = \"soon\"");
  }

  @Test
  void negativeHeartbeat_isRejected() {
    JavaFileObject source = withAttribute("Backwards", "heartbeat = \"-PT5S\"");
    assertSingleError(
        compile(source),
        source,
        Messages.NEGATIVE_HEARTBEAT.format("-PT5S"),
        "heartbeat = \"-PT5S\"");
  }

  @Test
  void negativeMaxStreams_isRejected() {
    JavaFileObject source = withAttribute("Crowded", "maxStreams = -1");
    assertSingleError(compile(source), source, Messages.MAX_STREAMS.format(-1), "maxStreams = -1");
  }

  @Test
  void badHeartbeatAndMaxStreams_areBothReported() {
    JavaFileObject source =
        source(
            "Both",
            "public class Both {",
            "  @SseEndpoint(",
            "      value = \"/events\",",
            "      heartbeat = \"5 seconds\",",
            "      maxStreams = -3)",
            "  public Stream<String> events() {",
            "    return null;",
            "  }",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(Messages.HEARTBEAT.format("5 seconds"))
        .inFile(source)
        .onLineContaining("heartbeat = ");
    assertThat(compilation)
        .hadErrorContaining(Messages.MAX_STREAMS.format(-3))
        .inFile(source)
        .onLineContaining("maxStreams = -3");
  }

  // Rule 9: types that do not exist (yet).

  @Test
  void missingType_isReportedInTheLastRound() {
    JavaFileObject source =
        source(
            "Missing",
            "public class Missing {",
            "  @SseEndpoint(\"/events\")",
            "  public Stream<Nowhere> events() {",
            "    return null;",
            "  }",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    // Javac reports "cannot find symbol" too.
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(Messages.UNRESOLVED_TYPE.format("Missing", "Nowhere"))
        .inFile(source)
        .onLineContaining("events()");
  }

  /**
   * Reactor without the reactive-streams jar: Flux's supertype Publisher is missing, so what the
   * method returns cannot be told, and the message says so instead of calling Flux no publisher.
   */
  @Test
  void supertypeMissingFromTheClassPath_isUnresolved() {
    JavaFileObject source =
        source(
            "NoJar",
            "public class NoJar {",
            "  @SseEndpoint(\"/events\")",
            "  public reactor.core.publisher.Flux<String> events() {",
            "    return null;",
            "  }",
            "}");
    Compilation compilation =
        TestSources.compiler()
            .withClasspath(
                List.of(
                    jarOf(reactor.core.publisher.Flux.class),
                    jarOf(dev.sluice.annotation.SseEndpoint.class),
                    jarOf(dev.sluice.SseEvent.class)))
            .compile(source);

    assertSingleError(
        compilation,
        source,
        Messages.UNRESOLVED_TYPE.format("NoJar", "Publisher<String>"),
        " events()");
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
        source(
            "Careless",
            "public class Careless {",
            "  @SseEndpoint(\"rooms/{room}\")",
            "  List<String> events(String room) {",
            "    return null;",
            "  }",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(4);
    assertThat(compilation)
        .hadErrorContaining(Messages.METHOD_NOT_PUBLIC.format("events()", "package-private"))
        .inFile(source)
        .onLineContaining("events(String room)");
    assertThat(compilation)
        .hadErrorContaining(Messages.RETURN_TYPE.format("events()", "List<String>"))
        .inFile(source)
        .onLineContaining("events(String room)");
    assertThat(compilation)
        .hadErrorContaining(Messages.PATH_START.format("rooms/{room}"))
        .inFile(source)
        .onLineContaining("@SseEndpoint(");
    assertThat(compilation)
        .hadErrorContaining(Messages.UNANNOTATED_PARAMETER.format("room"))
        .inFile(source)
        .onLineContaining("events(String room)");
  }

  // Rule: the generated routes, in the endpoint's package, can name every type it uses.

  @Test
  void privateElementType_isRejectedOnTheMethod() {
    JavaFileObject source =
        source(
            "Hidden",
            "public class Hidden {",
            "  private record Point(int x, int y) {}",
            "",
            "  @SseEndpoint(\"/points\")",
            "  public Stream<Point> points() {",
            "    return null;",
            "  }",
            "}");
    assertSingleError(
        compile(source),
        source,
        Messages.INACCESSIBLE_TYPE.format(
            "test",
            "points()",
            "Stream<Hidden.Point>",
            "Hidden.Point",
            "private",
            "package-private or public"),
        "Stream<Point> points()");
  }

  @Test
  void privateEnumParameter_isRejectedOnTheParameter() {
    JavaFileObject source =
        source(
            "HiddenEnum",
            "public class HiddenEnum {",
            "  private enum Color { RED }",
            "",
            "  @SseEndpoint(\"/colors\")",
            "  public Stream<String> colors(",
            "      @QueryParam(\"color\") Optional<Color> color) {",
            "    return null;",
            "  }",
            "}");
    assertSingleError(
        compile(source),
        source,
        Messages.INACCESSIBLE_TYPE.format(
            "test",
            "parameter 'color'",
            "Optional<HiddenEnum.Color>",
            "HiddenEnum.Color",
            "private",
            "package-private or public"),
        "Optional<Color> color");
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
        source(
            "Heir",
            "public class Heir extends other.Base {",
            "  @SseEndpoint(\"/secrets\")",
            "  public Stream<List<Secret>> secrets() {",
            "    return null;",
            "  }",
            "}");
    assertSingleError(
        compile(source, base),
        source,
        Messages.INACCESSIBLE_TYPE.format(
            "test",
            "secrets()",
            "Stream<List<Base.Secret>>",
            "Base.Secret",
            "protected in other",
            "public"),
        "Stream<List<Secret>> secrets()");
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
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(Messages.MISPLACED_ANNOTATION.format("QueryParam", "helper()"))
        .inFile(source)
        .onLineContaining("@QueryParam(\"n\")");
    assertThat(compilation)
        .hadErrorContaining(
            Messages.MISPLACED_ANNOTATION.format("HeaderParam", "the constructor of Helper"))
        .inFile(source)
        .onLineContaining("@HeaderParam(\"X-A\")");
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
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("not applicable")
        .inFile(source)
        .onLineContaining("@SseEndpoint(\"/class\")");
  }

  // Rule: inherited endpoints.

  @Test
  void annotatedOverrideOfAnEndpoint_isRejected() {
    JavaFileObject base =
        source(
            "Parent",
            "public class Parent {",
            "  @SseEndpoint(\"/events\")",
            "  public Stream<String> events() {",
            "    return null;",
            "  }",
            "}");
    JavaFileObject child =
        source(
            "Child",
            "public class Child extends Parent {",
            "  @Override",
            "  @SseEndpoint(\"/child-events\")",
            "  public Stream<String> events() {",
            "    return null;",
            "  }",
            "}");
    assertSingleError(
        compile(base, child),
        child,
        Messages.OVERRIDDEN_ENDPOINT.format("events()", "Parent"),
        "@SseEndpoint(\"/child-events\")");
  }

  @Test
  void pathOfAnInheritedEndpoint_isTaken() {
    JavaFileObject api =
        source(
            "Api",
            "public interface Api {",
            "  @SseEndpoint(\"/feed/{id}\")",
            "  default Stream<String> feed(@PathParam(\"id\") String id) {",
            "    return null;",
            "  }",
            "}");
    JavaFileObject impl =
        source(
            "Impl",
            "public class Impl implements Api {",
            "  @SseEndpoint(\"/feed/{name}\")",
            "  public Stream<String> byName(@PathParam(\"name\") String name) {",
            "    return null;",
            "  }",
            "}");
    assertSingleError(
        compile(impl, api),
        impl,
        Messages.DUPLICATE_PATH.format("/feed/{name}", "Impl.byName", "Api.feed"),
        "@SseEndpoint(\"/feed/{name}\")");
  }

  // Rule: repeated parameters are lists or sets of a supported type, never of a path variable.

  @Test
  void multiValuedPathParam_isRejected() {
    JavaFileObject source = endpoint("ListPath", "/a/{ids}", "@PathParam(\"ids\") List<UUID> ids");
    assertSingleError(
        compile(source),
        source,
        Messages.MULTI_VALUED_PATH_PARAM.format("ids", "List<UUID>", "UUID"),
        "List<UUID> ids");
  }

  @Test
  void listOfOptionals_isRejected() {
    JavaFileObject source =
        endpoint("ListOfOptionals", "/a", "@QueryParam(\"tag\") List<Optional<String>> tags");
    assertSingleError(
        compile(source),
        source,
        Messages.PARAMETER_TYPE.format("QueryParam", "tags", "List<Optional<String>>"),
        "List<Optional<String>> tags");
  }

  @Test
  void rawListAndCollection_areRejected() {
    JavaFileObject source =
        endpoint(
            "RawList",
            "/a",
            "@QueryParam(\"a\") @SuppressWarnings(\"rawtypes\") List raw,"
                + " @HeaderParam(\"b\") java.util.Collection<String> all");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(Messages.PARAMETER_TYPE.format("QueryParam", "raw", "List"))
        .inFile(source)
        .onLineContaining("List raw");
    assertThat(compilation)
        .hadErrorContaining(
            Messages.PARAMETER_TYPE.format("HeaderParam", "all", "Collection<String>"))
        .inFile(source)
        .onLineContaining("List raw");
  }

  // Rule: event names that clients can tell apart.

  @Test
  void blankEventName_isRejectedOnTheAnnotation() {
    JavaFileObject source =
        source(
            "Blank", "@dev.sluice.annotation.SseEventName(\" \")", "public record Blank(int x) {}");
    assertSingleError(
        compile(source), source, Messages.BLANK_EVENT_NAME.format("Blank"), "SseEventName(");
  }

  @Test
  void eventNameWithLineBreak_isRejectedOnTheAnnotation() {
    JavaFileObject source =
        source(
            "Broken",
            "@dev.sluice.annotation.SseEventName(\"a\\nb\")",
            "public record Broken(int x) {}");
    assertSingleError(
        compile(source),
        source,
        Messages.EVENT_NAME_LINE_BREAK.format("Broken", "a\\nb"),
        "SseEventName(");
  }

  /** A sealed hierarchy for the tests below, with {@code extra} as more members of Chat. */
  private static JavaFileObject chat(String name, String... extra) {
    List<String> lines =
        new java.util.ArrayList<>(
            List.of(
                "public class " + name + " {",
                "  public sealed interface Event permits Joined, Said {}",
                "",
                "  @dev.sluice.annotation.SseEventName(\"joined\")",
                "  public record Joined(String user) implements Event {}",
                ""));
    lines.addAll(List.of(extra));
    lines.addAll(
        List.of(
            "",
            "  @SseEndpoint(\"/chat\")",
            "  public Stream<Event> chat() {",
            "    return null;",
            "  }",
            "}"));
    return source(name, lines.toArray(new String[0]));
  }

  @Test
  void twoSubtypesWithOneName_areRejectedOnTheMethod() {
    JavaFileObject source =
        chat(
            "Twice",
            "  @dev.sluice.annotation.SseEventName(\"joined\")",
            "  public record Said(String text) implements Event {}");
    assertSingleError(
        compile(source),
        source,
        Messages.DUPLICATE_EVENT_NAME.format(
            "Twice.Event", "chat()", "Twice.Joined", "Twice.Said", "joined"),
        "Stream<Event> chat()");
  }

  @Test
  void unnamedSubtype_isRejectedOnTheMethod() {
    JavaFileObject source =
        chat("Unnamed", "  public record Said(String text) implements Event {}");
    assertSingleError(
        compile(source),
        source,
        Messages.UNNAMED_SUBTYPE.format("Unnamed.Event", "chat()", "Unnamed.Said"),
        "Stream<Event> chat()");
  }

  @Test
  void privateNamedSubtype_isRejectedOnTheMethod() {
    JavaFileObject source =
        chat(
            "Private",
            "  @dev.sluice.annotation.SseEventName(\"said\")",
            "  private record Said(String text) implements Event {}");
    assertSingleError(
        compile(source),
        source,
        Messages.INACCESSIBLE_TYPE.format(
            "test",
            "chat()",
            "Private.Said",
            "Private.Said",
            "private",
            "package-private or public"),
        "Stream<Event> chat()");
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
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("missing a default value")
        .inFile(source)
        .onLineContaining("@SseEndpoint");
    assertThat(compilation)
        .hadErrorContaining("missing a default value")
        .inFile(source)
        .onLineContaining("@QueryParam String q");
  }
}
