package io.downhill;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The actors' packages form a hierarchy: the entry point on top, the features below it, the
 * numerics and the serialization marker at the bottom. A cycle would tie them into one package.
 */
@AnalyzeClasses(packages = "io.downhill", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageCyclesTest {

  // "io.(**)" rather than "io.downhill.(**)": the root package io.downhill is a slice of its own.
  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("io.(**)").should().beFreeOfCycles();
}
