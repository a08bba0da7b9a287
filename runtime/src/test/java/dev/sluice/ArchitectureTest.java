package dev.sluice;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime's shape, as ARCHITECTURE.md draws it, checked so that it cannot drift: the pipeline's
 * stages call only downward, no package of the runtime is in an import circle, and the public
 * packages hold no implementation, nor reach into it, but for the facades that assemble it.
 */
@AnalyzeClasses(packages = "dev.sluice", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  /** What users build and call, which assembles the runtime's parts. */
  private static final DescribedPredicate<JavaClass> FACADES =
      belongToAnyOf(
          SseServer.class,
          SseHandler.class,
          HandlerOptions.class,
          SseBroadcaster.class,
          SlowClientPolicy.class);

  /** The rest of the public API: values every stage may name, and the contract of routes. */
  private static final DescribedPredicate<JavaClass> CONTRACT =
      resideInAnyPackage("dev.sluice", "dev.sluice.spi", "dev.sluice.encode", "dev.sluice.wire")
          .and(not(FACADES));

  /**
   * The internal packages from the top down: the request's pipeline (route, admit, drive), the
   * event's (broadcast, encode, write), where event streams end (close), and what every stage uses
   * (log). Each may use only those below it.
   */
  private static final List<String> STAGES =
      List.of(
          "openapi",
          "route",
          "admit",
          "refuse",
          "drive",
          "broadcast",
          "encode",
          "write",
          "close",
          "log");

  @ArchTest static final ArchRule stages_useOnlyTheStagesBelowThem = stages();

  @ArchTest
  static final ArchRule internalPackages_areFreeOfImportCircles =
      slices().matching("dev.sluice.internal.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule contract_doesNotReachIntoTheImplementation =
      noClasses()
          .that(CONTRACT)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.sluice.internal..")
          .because("SseEvent, Utf8Buffer and the spi hold no hidden runtime state");

  @ArchTest
  static final ArchRule implementation_doesNotCallTheFacades =
      noClasses()
          .that()
          .resideInAPackage("dev.sluice.internal..")
          .should()
          .dependOnClassesThat(FACADES)
          .because("the facades assemble the parts; a part that called back up would be a circle");

  private static ArchRule stages() {
    LayeredArchitecture layers =
        Architectures.layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("facades")
            .definedBy(FACADES);
    for (String stage : STAGES) {
      layers =
          layers.layer(stage).definedBy(resideInAPackage("dev.sluice.internal." + stage + ".."));
    }
    List<String> above = new ArrayList<>(List.of("facades"));
    for (String stage : STAGES) {
      layers = layers.whereLayer(stage).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
      above.add(stage);
    }
    return layers;
  }
}
