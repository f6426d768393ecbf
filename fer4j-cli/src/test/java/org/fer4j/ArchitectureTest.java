package org.fer4j;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The structure rules the build enforces: no package depends on itself through others, and the library
 * packages never reach outwards to the command line, the reports or the benchmark (nor their libraries),
 * so they can be embedded in a service or a Spark job without them.
 */
class ArchitectureTest {
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
    void libraryPackagesDoNotDependOnTheCommandLineReportsOrBenchmark() {
        noClasses().that().resideInAnyPackage("org.fer4j.data..", "org.fer4j.models..", "org.fer4j.batches..",
                        "org.fer4j.inference..", "org.fer4j.evaluation..", "org.fer4j.training..",
                        "org.fer4j.experiments..", "org.fer4j.util..", "org.fer4j.vision..", "org.fer4j.onnx..",
                        "org.fer4j.serve..")
                .should().dependOnClassesThat().resideInAnyPackage("org.fer4j.cli..", "org.fer4j.report..",
                        "org.fer4j.bench..", "picocli..", "org.knowm..")
                .check(classes);
    }

    /** What an ONNX-only deployment runs must not reach DJL itself: that is how it stays free of libtorch. */
    @Test
    void theOnnxRuntimeEngineDoesNotUseDjl() {
        noClasses().that().resideInAnyPackage("org.fer4j.onnx", "org.fer4j.onnx.runtime..", "org.fer4j.onnx.proto..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..")
                .check(classes);
    }

    @Test
    void reportsAndBenchmarkDoNotDependOnTheCommandLine() {
        noClasses().that().resideInAnyPackage("org.fer4j.report..", "org.fer4j.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("org.fer4j.cli..")
                .check(classes);
    }

    @Test
    void sparkIntegrationKeepsTheCommandLineAtItsEdgeAndCoreNeverSeesSpark() {
        noClasses().that().resideInAnyPackage("org.fer4j.spark", "org.fer4j.spark.predict..", "org.fer4j.spark.cv..",
                        "org.fer4j.spark.executors..")
                .should().dependOnClassesThat().resideInAnyPackage("org.fer4j.spark.app..", "picocli..", "org.fer4j.cli..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("org.fer4j.spark..")
                .should().dependOnClassesThat().resideInAnyPackage("org.fer4j.spark..", "org.apache.spark..", "scala..")
                .check(classes);
    }

    /** The server builds on core and vision only; nothing but the command line reaches it, Javalin or Jetty. */
    @Test
    void serverKeepsTheCommandLineAtItsEdgeAndOnlyTheCommandLineSeesIt() {
        noClasses().that().resideInAnyPackage("org.fer4j.serve..")
                .should().dependOnClassesThat().resideInAnyPackage("org.fer4j.cli..", "picocli..", "org.fer4j.report..",
                        "org.fer4j.bench..", "org.fer4j.spark..", "org.fer4j.onnx..")
                .check(classes);
        noClasses().that().resideOutsideOfPackages("org.fer4j.serve..", "org.fer4j.cli")
                .should().dependOnClassesThat().resideInAnyPackage("org.fer4j.serve..", "io.javalin..", "org.eclipse.jetty..")
                .check(classes);
    }
}
