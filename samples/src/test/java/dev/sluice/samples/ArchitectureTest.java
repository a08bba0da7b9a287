package dev.sluice.samples;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.sluice.SseEvent;

/**
 * The rules of ARCHITECTURE.md that span modules, over every module's classes and the routes the
 * processor generated for the demo and for these tests. The runtime's own shape is checked by its
 * ArchitectureTest.
 */
@AnalyzeClasses(packages = "dev.sluice")
class ArchitectureTest {
  @ArchTest
  static final ArchRule generatedRoutes_useTheRuntimeOnlyThroughTheSpi =
      noClasses()
          .that()
          .haveNameMatching(".*_SseRoutes(\\$.*)?")
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.sluice.internal..")
                  .or(resideInAPackage("dev.sluice").and(not(belongToAnyOf(SseEvent.class)))))
          .because("generated code calls dev.sluice.spi, and names SseEvent and dev.sluice.encode")
          .allowEmptyShould(false);

  @ArchTest
  static final ArchRule otherModules_doNotUseTheRuntimesInternals =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "dev.sluice", "dev.sluice.internal..", "dev.sluice.spi..", "dev.sluice.encode..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.sluice.internal..")
          .because(
              "the client, the testing module, the binder, the journals and the demo use the"
                  + " runtime through its API, as on the module path they must");
}
