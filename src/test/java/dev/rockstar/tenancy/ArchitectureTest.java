package dev.rockstar.tenancy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.rockstar.tenancy.json.JsonP;
import jakarta.json.Json;
import jakarta.json.spi.JsonProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, kept true by the build: a public API package that depends on nothing of
 * ours, and no package of the implementation that depends on another in a circle.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.rockstar.tenancy";
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void noPackageDependsOnAnotherInACircle() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(production);
    }

    @Test
    void thePublicApiDependsOnNoImplementationPackage() {
        noClasses()
                .that()
                .resideInAPackage(ROOT)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".*..")
                .because(
                        "application code imports dev.rockstar.tenancy alone, and the implementation may change under it")
                .check(production);
    }

    @Test
    void thePublicApiCarriesNoWireFormat() {
        noClasses()
                .that()
                .resideInAPackage(ROOT)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.json..")
                .because("the JSON a client sees is written at the boundary, where it can change without the API")
                .check(production);
    }

    @Test
    void oneClassHoldsTheJsonProvider() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName(JsonP.class.getName())
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName(Json.class.getName())
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName(JsonProvider.class.getName())
                .because("each Json.createXxx() call looks the provider up again (JsonP says why that matters)")
                .check(production);
    }

    @Test
    void theImplementationKeepsOutOfThePublicApiPackage() {
        classes()
                .that()
                .resideInAPackage(ROOT)
                .and()
                .areTopLevelClasses()
                .should()
                .beInterfaces()
                .orShould()
                .beRecords()
                .orShould()
                .beEnums()
                .orShould()
                .beAssignableTo(RuntimeException.class)
                .orShould()
                .haveSimpleName("TenantDiscriminator")
                .because("the API package holds contracts and values; behaviour lives in the component packages")
                .check(production);
    }
}
