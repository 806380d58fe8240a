package org.linli.platform;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The platform is plumbing every service shares: it knows no service, and its packages form no cycle. */
class PlatformArchitectureTest {

    static final JavaClasses PLATFORM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages("org.linli.platform");

    @Test
    void thePlatformImportsNoService() {
        noClasses().that().resideInAPackage("org.linli.platform..")
                .should().dependOnClassesThat(resideInAPackage("org.linli..")
                        .and(not(resideInAPackage("org.linli.platform.."))))
                .because("services depend on the platform, never the other way")
                .check(PLATFORM);
    }

    @Test
    void platformPackagesFormNoCycle() {
        slices().matching("org.linli.platform.(*)..").should().beFreeOfCycles().check(PLATFORM);
    }
}
