package eu.delisting.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

class ArchitectureTest {

    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("eu.delisting.gateway");

    @Test
    void theScopeCoreHasNoFrameworkNoIoAndNoClock() {
        noClasses().that().resideInAPackage("eu.delisting.gateway.scope..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "jakarta..", "org.hibernate..", "io.vertx..", "org.eclipse.microprofile..",
                        "java.io..", "java.nio.file..", "java.net..", "java.sql..", "javax.sql..",
                        "eu.delisting.gateway.orders..", "eu.delisting.gateway.requests..",
                        "eu.delisting.gateway.tenants..", "eu.delisting.gateway.problems..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .because("scope decisions are pure: the same input and order version always give the same verdict")
                .check(GATEWAY);
    }

    @Test
    void featurePackagesFormNoCycles() {
        slices().matching("eu.delisting.gateway.(*)..").should().beFreeOfCycles()
                .because("each package builds on the ones below it: a newcomer reads the layers top-down")
                .check(GATEWAY);
    }

    @Test
    void theScopeCoreDependsOnlyOnTheJdkAndIcu() {
        classes().that().resideInAPackage("eu.delisting.gateway.scope..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java..", "com.ibm.icu..", "eu.delisting.gateway.scope..")
                .because("the scope rules are a pure library: same input, same verdict, no framework")
                .check(GATEWAY);
    }

    @Test
    void onlyRepositoriesTouchTheEntityManager() {
        noClasses().that().haveSimpleNameNotEndingWith("Repository")
                .should().dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.EntityManager")
                .orShould().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.core.domain.properties.HasName.Predicates.name("getEntityManager")))
                .because("SQL and the persistence context live in repositories; services speak the domain")
                .check(GATEWAY);
    }

    @Test
    void repositoriesAreUsedOnlyByTheirOwnFeature() {
        classes().that().haveSimpleNameEndingWith("Repository")
                .should(onlyAccessedFromOwnPackage())
                .because("features talk to each other through services, not through each other's repositories")
                .check(GATEWAY);
    }

    private static com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaClass> onlyAccessedFromOwnPackage() {
        return new com.tngtech.archunit.lang.ArchCondition<>("be accessed only from their own feature package") {
            @Override
            public void check(com.tngtech.archunit.core.domain.JavaClass repository,
                              com.tngtech.archunit.lang.ConditionEvents events) {
                repository.getAccessesToSelf().forEach(access -> {
                    String from = access.getOriginOwner().getPackageName();
                    if (!from.equals(repository.getPackageName())) {
                        events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(access,
                                access.getDescription()));
                    }
                });
            }
        };
    }

    @Test
    void resourcesDoNotTouchRepositoriesOrTheEntityManager() {
        noClasses().that().haveSimpleNameEndingWith("Resource")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.EntityManager")
                .check(GATEWAY);
    }
}
