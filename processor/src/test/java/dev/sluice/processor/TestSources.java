package dev.sluice.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** Small sources in package {@code test}, with every import an endpoint class might need. */
final class TestSources {
  static final List<String> IMPORTS =
      List.of(
          "package test;",
          "",
          "import dev.sluice.SseEvent;",
          "import dev.sluice.annotation.Authenticated;",
          "import dev.sluice.annotation.HeaderParam;",
          "import dev.sluice.annotation.LastEventId;",
          "import dev.sluice.annotation.PathParam;",
          "import dev.sluice.annotation.QueryParam;",
          "import dev.sluice.annotation.SseEndpoint;",
          "import java.time.Duration;",
          "import java.util.List;",
          "import java.util.Optional;",
          "import java.util.UUID;",
          "import java.util.concurrent.Flow;",
          "import java.util.stream.Stream;",
          "");

  private TestSources() {}

  /** {@code test.<name>}: the imports, then {@code lines}. */
  static JavaFileObject source(String name, String... lines) {
    List<String> all = new ArrayList<>(IMPORTS);
    all.addAll(List.of(lines));
    return JavaFileObjects.forSourceLines("test." + name, all);
  }

  static Compiler compiler() {
    return Compiler.javac().withProcessors(new SseEndpointProcessor());
  }

  /** As users with {@code -Werror} build: any warning in generated code fails. */
  static Compilation compileStrictly(JavaFileObject... sources) {
    return compiler().withOptions("-Xlint:all", "-Werror").compile(sources);
  }

  static Compilation compile(JavaFileObject... sources) {
    return compiler().compile(sources);
  }
}
