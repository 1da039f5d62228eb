package io.downhill.gateway;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The gateway's packages depend on each other in one direction only: the root wires everything up,
 * the features ({@code session}, {@code sweep}, {@code workshop}, …) use the plumbing ({@code
 * http}, {@code websocket}) and {@code client}, and nothing depends back on what uses it.
 */
@AnalyzeClasses(
    packages = "io.downhill.gateway",
    importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class PackageCyclesTest {

  @ArchTest
  static final ArchRule noCycleBetweenPackages =
      slices().matching("io.downhill.gateway.(**)").should().beFreeOfCycles();
}
