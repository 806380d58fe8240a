package org.linli.infra.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package convention of every Linli service (docs/architecture.md, "Where code goes"), as tests that fail the
 * build when code strays. A service's {@code ArchitectureTest} extends this class with its base package; the rules
 * read the service's compiled main classes only.
 *
 * <pre>
 * rest       JAX-RS resources and their request/response records; the only package that speaks HTTP
 * service    application services: transactions, rules, scope checks, Outbox.publish; throws platform problems
 * domain     Panache entities, enums, value objects (and domain-level sub-models such as points' ledger)
 * events     outgoing event payloads for the outbox
 * consumers  every Kafka {@code @Incoming} consumer, reading events through its own records
 * </pre>
 * Dependencies point down (rest → service → domain, events; consumers → service, domain) and never form a cycle.
 */
public abstract class ServiceArchitectureTest {

    private static final String JAX_RS = "jakarta.ws.rs..";
    private static final String RESTEASY = "org.jboss.resteasy..";

    private final String base;
    private final JavaClasses classes;

    /** @param basePackage the service's root package, e.g. {@code org.linli.canteen} */
    protected ServiceArchitectureTest(String basePackage) {
        this.base = basePackage;
        this.classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(basePackage);
    }

    private String pkg(String name) {
        return base + "." + name + "..";
    }

    @Test
    public void aServiceUsesNoOtherServiceOnlyThePlatform() {
        noClasses().that().resideInAPackage(base + "..")
                .should().dependOnClassesThat(resideInAPackage("org.linli..")
                        .and(not(resideInAnyPackage(base + "..", "org.linli.platform.."))))
                .because("services talk only through Kafka events and their public HTTP APIs")
                .check(classes);
    }

    @Test
    public void onlyTheRestPackageSpeaksHttp() {
        noClasses().that().resideInAPackage(base + "..").and().resideOutsideOfPackage(pkg("rest"))
                .should().dependOnClassesThat().resideInAnyPackage(JAX_RS, RESTEASY, pkg("rest"))
                .because("service and domain code throw the platform's problems; the REST layer maps them to HTTP")
                .check(classes);
    }

    @Test
    public void theDomainDependsOnNothingAboveIt() {
        noClasses().that().resideInAPackage(pkg("domain"))
                .should().dependOnClassesThat()
                .resideInAnyPackage(pkg("service"), pkg("rest"), pkg("consumers"), pkg("events"))
                .because("entities and value objects are the bottom layer")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    public void outgoingEventsAreBuiltFromTheDomainOnly() {
        noClasses().that().resideInAPackage(pkg("events"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("service"), pkg("rest"), pkg("consumers"))
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    public void everyKafkaConsumerLivesInTheConsumersPackage() {
        methods().that().areAnnotatedWith("org.eclipse.microprofile.reactive.messaging.Incoming")
                .should().beDeclaredInClassesThat().resideInAPackage(pkg("consumers"))
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    public void nothingCallsIntoTheConsumers() {
        noClasses().that().resideInAPackage(base + "..").and().resideOutsideOfPackage(pkg("consumers"))
                .should().dependOnClassesThat().resideInAPackage(pkg("consumers"))
                .because("consumers are entry points, like resources")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    public void packagesFormNoCycle() {
        slices().matching(base + ".(*)..").should().beFreeOfCycles().check(classes);
    }
}
