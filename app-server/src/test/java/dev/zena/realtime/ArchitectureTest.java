package dev.zena.realtime;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The package rules of STYLE.md, written down so that a change that breaks them fails the build. */
class ArchitectureTest {

    private static final String ROOT = "dev.zena.realtime";
    private static final java.util.Set<String> FORMER_TRANSPORT =
            java.util.Set.of("jetty", "websocket", "handshake", "rest", "http", "publish");
    private static final String[] EDGES = {ROOT + ".jetty..", ROOT + ".websocket..", ROOT + ".handshake..",
            ROOT + ".rest..", ROOT + ".http..", ROOT + ".publish..", ROOT + ".admin.."};
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void onlyTheStoreTouchesJdbc() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".store..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.sqlite..", "org.flywaydb..")
                .check(classes);
    }

    @Test
    void onlyTheEdgesTouchTheWebFramework() {
        noClasses().that().resideOutsideOfPackages(EDGES)
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..")
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        // Until their seams are cut, the packages split out of the former transport still call one another: they
        // count as one slice here.
        slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                if (!name.startsWith(ROOT + ".")) {
                    return SliceIdentifier.ignore();
                }
                String first = name.substring(ROOT.length() + 1).split("\\.")[0];
                return SliceIdentifier.of(FORMER_TRANSPORT.contains(first) ? "transport" : first);
            }

            @Override
            public String getDescription() {
                return "top-level packages, the former transport as one";
            }
        }).should().beFreeOfCycles().check(classes);
    }

    @Test
    void theCoreNeverReachesUpToTheEdges() {
        noClasses().that().resideInAnyPackage(ROOT + ".access..", ROOT + ".hub..", ROOT + ".auth..",
                        ROOT + ".limits..", ROOT + ".metrics..", ROOT + ".sync..", ROOT + ".store..",
                        ROOT + ".broker..", ROOT + ".config..")
                .should().dependOnClassesThat().resideInAnyPackage(EDGES)
                .orShould().dependOnClassesThat().resideInAnyPackage(ROOT + ".server..", ROOT + ".cli..")
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
