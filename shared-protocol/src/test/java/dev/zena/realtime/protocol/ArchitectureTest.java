package dev.zena.realtime.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The protocol is shared by server, console and bench, so it may depend on the JDK and Jackson only. */
@AnalyzeClasses(packages = "dev.zena.realtime.protocol", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule dependsOnlyOnJavaAndJackson = noClasses()
            .that()
            .resideInAPackage("dev.zena.realtime.protocol..")
            .should()
            .dependOnClassesThat()
            .resideOutsideOfPackages("java..", "com.fasterxml.jackson..", "dev.zena.realtime.protocol..");
}
