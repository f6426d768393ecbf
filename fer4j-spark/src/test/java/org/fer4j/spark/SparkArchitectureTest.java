package org.fer4j.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * fer4j-spark's place in the structure (the CLI's ArchitectureTest does not see this module): its packages
 * form no cycle with each other or with core's, only the entry point knows the command line, and the
 * library underneath never learns that it runs on Spark.
 */
class SparkArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.fer4j");
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.fer4j.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void onlyTheEntryPointKnowsTheCommandLine() {
        noClasses().that().resideInAnyPackage("org.fer4j.spark", "org.fer4j.spark.predict..", "org.fer4j.spark.cv..",
                        "org.fer4j.spark.executors..")
                .should().dependOnClassesThat().resideInAnyPackage("org.fer4j.spark.app..", "picocli..")
                .check(classes);
    }

    @Test
    void coreDoesNotKnowSpark() {
        noClasses().that().resideOutsideOfPackage("org.fer4j.spark..").and().resideInAPackage("org.fer4j..")
                .should().dependOnClassesThat().resideInAnyPackage("org.fer4j.spark..", "org.apache.spark..", "scala..")
                .check(classes);
    }
}
