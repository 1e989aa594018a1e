package dev.zena.realtime.console;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.zena.realtime.console.embedded.EmbeddedServer;
import org.junit.jupiter.api.Test;

/** The console's layering, written down (STYLE.md): what may depend on what. */
class ArchitectureTest {

    private static final JavaClasses CONSOLE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.zena.realtime.console");

    @Test
    void viewModelsNeverTouchTheSceneGraph() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("ViewModel")
                .or()
                .haveSimpleNameEndingWith("Row")
                .or()
                .resideInAPackage("..console.directory..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("javafx.scene..")
                .because("view models are tested without the toolkit; only views build nodes")
                .check(CONSOLE);
    }

    @Test
    void theClientAndTheEmbeddedServerKnowNothingOfJavaFx() {
        noClasses()
                .that()
                .resideInAnyPackage("..console.client..", "..console.embedded..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("javafx..")
                .check(CONSOLE);
    }

    @Test
    void featuresDoNotDependOnEachOther() {
        slices().matching("dev.zena.realtime.console.features.(*)..")
                .should()
                .notDependOnEachOther()
                .because("a feature's view and view model stand alone; shared state lives in directory or client")
                .check(CONSOLE);
    }

    @Test
    void onlyTheEmbeddedBootstrapTouchesAppServer() {
        DescribedPredicate<JavaClass> appServer = resideInAPackage("dev.zena.realtime..")
                .and(DescribedPredicate.not(resideInAPackage("dev.zena.realtime.console..")));
        noClasses()
                .that()
                .resideInAPackage("dev.zena.realtime.console..")
                .and()
                .doNotHaveFullyQualifiedName(EmbeddedServer.class.getName())
                .should()
                .dependOnClassesThat(appServer)
                .because("the console reaches every server, embedded or remote, through the admin API only")
                .check(CONSOLE);
    }
}
