package dev.zena.realtime;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The package rules of STYLE.md, written down so that a change that breaks them fails the build. */
class ArchitectureTest {

    private static final String ROOT = "dev.zena.realtime";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void onlyTheStoreTouchesJdbc() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".store..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.sqlite..", "org.flywaydb..",
                        "org.postgresql..", "com.zaxxer.hikari..")
                .check(classes);
    }

    @Test
    void onlyTransportAndAdminTouchTheWebFramework() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".transport..", ROOT + ".admin..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..")
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theCoreNeverReachesUpToTheEdges() {
        noClasses().that().resideInAnyPackage(ROOT + ".access..", ROOT + ".hub..", ROOT + ".auth..",
                        ROOT + ".limits..", ROOT + ".metrics..", ROOT + ".sync..", ROOT + ".store..",
                        ROOT + ".broker..", ROOT + ".config..", ROOT + ".publish..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".transport..", ROOT + ".admin..",
                        ROOT + ".server..", ROOT + ".cli..")
                .check(classes);
    }

    @Test
    void theStoreAndTheBrokerStandAlone() {
        noClasses().that().resideInAnyPackage(ROOT + ".store..", ROOT + ".broker..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".access..", ROOT + ".hub..",
                        ROOT + ".auth..", ROOT + ".limits..", ROOT + ".metrics..", ROOT + ".sync..")
                .check(classes);
    }

    @Test
    void onlyTheCommandLineAndTheServerFacadeWireTheServer() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".cli..", ROOT + ".server..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".server..")
                .check(classes);
    }
}
