package dev.sluice.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.sluice.processor.TestSources.assertCompilesCleanly;
import static dev.sluice.processor.TestSources.assertRoutesMatchGolden;
import static dev.sluice.processor.TestSources.compileStrictly;
import static dev.sluice.processor.TestSources.generatedSource;

import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Endpoints returning the reactive libraries' own types, and subtypes of the JDK's publisher,
 * compiled against the real libraries under {@code -Xlint:all -Werror}: each is recognised by its
 * supertypes, with the element type it inherits, and only Reactive Streams publishers are adapted.
 */
class ReactiveReturnTypesTest {
  private static JavaFileObject reactiveSource(String name, String... lines) {
    List<String> all = new ArrayList<>(TestSources.IMPORTS);
    all.addAll(
        List.of(
            "import io.reactivex.rxjava3.core.Flowable;",
            "import io.reactivex.rxjava3.processors.PublishProcessor;",
            "import io.smallrye.mutiny.Multi;",
            "import java.util.concurrent.SubmissionPublisher;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            ""));
    all.addAll(List.of(lines));
    return JavaFileObjects.forSourceLines("test." + name, all);
  }

  private static final JavaFileObject FEEDS =
      reactiveSource(
          "Feeds",
          "public class Feeds {",
          "  public record Quote(String symbol, double price) {}",
          "",
          "  /** The element type is the superclass's argument, not one of its own. */",
          "  public static class Ticks extends SubmissionPublisher<Quote> {}",
          "",
          "  /** Its own type parameter is not the element type. */",
          "  public abstract static class Keyed<K> implements Flow.Publisher<String> {}",
          "",
          "  public interface QuoteFeed extends org.reactivestreams.Publisher<SseEvent<Quote>> {}",
          "",
          "  public abstract static class Both",
          "      implements Flow.Publisher<String>, org.reactivestreams.Publisher<String> {}",
          "",
          "  public interface Lines extends Stream<String> {}",
          "",
          "  @SseEndpoint(\"/flux\")",
          "  public Flux<Quote> flux() {",
          "    return null;",
          "  }",
          "",
          "  @SseEndpoint(\"/mono\")",
          "  public Mono<String> mono() {",
          "    return null;",
          "  }",
          "",
          "  @SseEndpoint(\"/nothing\")",
          "  public Mono<Void> nothing() {",
          "    return null;",
          "  }",
          "",
          "  @SseEndpoint(\"/flowable\")",
          "  public Flowable<SseEvent<Quote>> flowable() {",
          "    return null;",
          "  }",
          "",
          "  @SseEndpoint(\"/processor\")",
          "  public PublishProcessor<String> processor() {",
          "    return null;",
          "  }",
          "",
          "  @SseEndpoint(\"/multi\")",
          "  public Multi<Quote> multi() {",
          "    return null;",
          "  }",
          "",
          "  @SseEndpoint(\"/submission\")",
          "  public SubmissionPublisher<Quote> submission() {",
          "    return null;",
          "  }",
          "",
          "  @SseEndpoint(\"/ticks\")",
          "  public Ticks ticks() {",
          "    return null;",
          "  }",
          "",
          "  @SseEndpoint(\"/keyed\")",
          "  public Keyed<Integer> keyed() {",
          "    return null;",
          "  }",
          "",
          "  @SseEndpoint(\"/feed\")",
          "  public QuoteFeed feed() {",
          "    return null;",
          "  }",
          "",
          "  @SseEndpoint(\"/any-quotes\")",
          "  public Flux<? extends SseEvent<? extends Quote>> anyQuotes() {",
          "    return null;",
          "  }",
          "",
          "  @SseEndpoint(\"/both\")",
          "  public Both both() {",
          "    return null;",
          "  }",
          "",
          "  @SseEndpoint(\"/lines\")",
          "  public Lines lines() {",
          "    return null;",
          "  }",
          "}");

  /** The routes generated for Feeds, each run of whitespace as one space, wherever lines wrap. */
  private static String feedsRoutes() {
    return generatedSource(compileStrictly(FEEDS), "test.Feeds_SseRoutes").replaceAll("\\s+", " ");
  }

  @Test
  void everyReactiveType_compilesWithoutWarnings() {
    assertCompilesCleanly(FEEDS);
  }

  @Test
  void reactiveStreamsPublishers_areAdaptedToFlow() {
    String routes = feedsRoutes();

    for (String method :
        List.of("flux", "mono", "nothing", "flowable", "processor", "feed", "anyQuotes")) {
      assertThat(routes)
          .contains(
              "return SseResponse.publisher(ReactiveStreams.toFlow(endpoint."
                  + method
                  + "()), "
                  + method
                  + "Encoder);");
    }
  }

  @Test
  void flowPublishers_areReturnedAsTheyAre() {
    String routes = feedsRoutes();

    for (String method : List.of("multi", "submission", "ticks", "keyed", "both")) {
      assertThat(routes)
          .contains(
              "return SseResponse.publisher(endpoint." + method + "(), " + method + "Encoder);");
      assertThat(routes).contains("SseRoute.publisher(\"/" + method + "\", \"Feeds." + method);
    }
  }

  @Test
  void streamSubtypes_areStreams() {
    String routes = feedsRoutes();

    assertThat(routes).contains("SseRoute.stream(\"/lines\", \"Feeds.lines\", this::lines)");
    assertThat(routes).contains("return SseResponse.stream(endpoint.lines(), linesEncoder);");
    assertThat(routes).contains("private final SseEncoder<String> linesEncoder;");
  }

  @Test
  void elementTypes_areResolvedThroughTheSupertypes() {
    String routes = feedsRoutes();

    assertThat(routes).contains("this.fluxEncoder = encoders.json(Feeds.Quote.class);");
    assertThat(routes).contains("this.monoEncoder = encoders.text();");
    assertThat(routes).contains("this.nothingEncoder = encoders.json(Void.class);");
    assertThat(routes).contains("this.flowableEncoder = encoders.jsonEvents(Feeds.Quote.class);");
    assertThat(routes).contains("this.processorEncoder = encoders.text();");
    assertThat(routes).contains("this.multiEncoder = encoders.json(Feeds.Quote.class);");
    assertThat(routes).contains("this.submissionEncoder = encoders.json(Feeds.Quote.class);");
    assertThat(routes).contains("private final SseEncoder<Feeds.Quote> ticksEncoder;");
    assertThat(routes).contains("private final SseEncoder<String> keyedEncoder;");
    assertThat(routes).contains("private final SseEncoder<SseEvent<Feeds.Quote>> feedEncoder;");
    assertThat(routes)
        .contains("this.anyQuotesEncoder = covariant(encoders.jsonEvents(Feeds.Quote.class));");
    assertThat(routes).contains("private final SseEncoder<String> bothEncoder;");
  }

  @Test
  void quoteFeeds_matchesGolden() {
    JavaFileObject quoteFeeds =
        JavaFileObjects.forSourceLines(
            "com.example.QuoteFeeds",
            "package com.example;",
            "",
            "import dev.sluice.annotation.QueryParam;",
            "import dev.sluice.annotation.SseEndpoint;",
            "import io.smallrye.mutiny.Multi;",
            "import reactor.core.publisher.Flux;",
            "import reactor.core.publisher.Mono;",
            "",
            "public class QuoteFeeds {",
            "  public record Quote(String symbol, double price) {}",
            "",
            "  @SseEndpoint(\"/quotes\")",
            "  public Flux<Quote> quotes(@QueryParam(\"symbol\") String symbol) {",
            "    return null;",
            "  }",
            "",
            "  @SseEndpoint(\"/latest\")",
            "  public Mono<Quote> latest() {",
            "    return null;",
            "  }",
            "",
            "  @SseEndpoint(\"/multi\")",
            "  public Multi<Quote> multi() {",
            "    return null;",
            "  }",
            "}");
    assertRoutesMatchGolden(
        "ReactiveReturnTypesTest/quoteFeeds_matchesGolden",
        "com.example.QuoteFeeds_SseRoutes",
        quoteFeeds);
  }
}
