package dev.stile.server.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module map of docs/ARCHITECTURE.md as rules over the compiled main classes of every module:
 * dependencies point one way (core <- authority <- provisioners <- acme/step/admin <- net/db/cli <-
 * server), domain modules import no I/O library, and only the authority core reads CSRs or builds
 * certificates and CRLs. A rule that fails names the offending class and import.
 */
class ArchitectureTest {

    /** Main classes only: test fixtures (test-classes directories and -tests.jar files) may do anything. */
    private static final ImportOption MAIN_CLASSES_ONLY = (Location location) ->
            !location.contains("/test-classes/") && !location.contains("-tests.jar");

    private static final String[] DOMAIN = {
            "dev.stile.core..", "dev.stile.authority..", "dev.stile.provisioners..", "dev.stile.acme..",
            "dev.stile.step..", "dev.stile.admin.."};

    private static final String[] IO_LIBRARIES = {
            "io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..", "java.sql..", "javax.sql..",
            "com.zaxxer..", "org.flywaydb..", "org.h2..", "org.postgresql..", "org.xbill..", "software.amazon.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(MAIN_CLASSES_ONLY).importPackages("dev.stile");
    }

    @Test
    void domainModulesImportNoHttpJdbcDnsOrCloudLibrary() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage(IO_LIBRARIES)
                .because("domain modules hold protocol, model, rules and ports; adapters live in net, db and the server")
                .check(classes);
    }

    @Test
    void acmeJudgesChallengesButDialsNothing() {
        noClasses().that().resideInAPackage("dev.stile.acme..")
                .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "javax.net..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
                .because("DNS, HTTP and TLS-ALPN are dialled by the net module behind acme's validation ports")
                .check(classes);
    }

    @Test
    void sharedKernelImportsNothingOfStile() {
        only("dev.stile.core..", "dev.stile.core..").check(classes);
    }

    @Test
    void authorityDependsOnlyOnTheKernel() {
        only("dev.stile.authority..", "dev.stile.core..", "dev.stile.authority..").check(classes);
    }

    @Test
    void provisionersDependOnlyOnAuthorityAndKernel() {
        only("dev.stile.provisioners..", "dev.stile.core..", "dev.stile.authority..", "dev.stile.provisioners..")
                .check(classes);
    }

    @Test
    void acmeDependsOnlyOnLowerDomainModules() {
        only("dev.stile.acme..", "dev.stile.core..", "dev.stile.authority..", "dev.stile.provisioners..",
                "dev.stile.acme..").check(classes);
    }

    @Test
    void stepDependsOnlyOnLowerDomainModules() {
        only("dev.stile.step..", "dev.stile.core..", "dev.stile.authority..", "dev.stile.provisioners..",
                "dev.stile.step..").check(classes);
    }

    @Test
    void adminDependsOnlyOnTheKernelAndAuthority() {
        only("dev.stile.admin..", "dev.stile.core..", "dev.stile.authority..", "dev.stile.admin..").check(classes);
    }

    @Test
    void storageImplementsPortsAndKnowsNoServerOrHttp() {
        noClasses().that().resideInAPackage("dev.stile.db..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stile.server..", "dev.stile.net..",
                        "dev.stile.cli..", "io.javalin..")
                .check(classes);
    }

    @Test
    void nothingButTheServerImportsTheServer() {
        noClasses().that().resideOutsideOfPackage("dev.stile.server..")
                .should().dependOnClassesThat().resideInAPackage("dev.stile.server..")
                .because("the server is the composition root and the HTTP edge; nothing below may reach up into it")
                .check(classes);
    }

    @Test
    void theClientCliDoesNotImportStorageOrServer() {
        noClasses().that().resideInAPackage("dev.stile.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stile.db..", "dev.stile.server..",
                        "io.javalin..", "java.sql..")
                .check(classes);
    }

    @Test
    void onlyTheAuthorityReadsCsrsOrBuildsCertificatesAndCrls() {
        noClasses().that().resideOutsideOfPackages("dev.stile.authority..", "dev.stile.cli..", "dev.stile.bench..")
                .should().callConstructorWhere(describe("a CSR parser or a certificate/CRL builder", call ->
                        call.getTarget().getOwner().getName().matches(
                                "org\\.bouncycastle\\.(pkcs\\.(jcajce\\.Jca)?PKCS10CertificationRequest"
                                        + "|cert\\.(jcajce\\.Jca)?X509v3CertificateBuilder"
                                        + "|cert\\.(jcajce\\.Jca)?X509v2CRLBuilder)")))
                .because("one CsrParser parses and verifies each CSR once; only the authority signs")
                .check(classes);
    }

    @Test
    void javalinStaysInTheHttpTree() {
        noClasses().that().resideOutsideOfPackages("dev.stile.server.http..", "dev.stile.server")
                .should().dependOnClassesThat().resideInAPackage("io.javalin..")
                .because("all Javalin code lives under dev.stile.server.http, one package tree per area")
                .check(classes);
    }

    @Test
    void serverPackagesPointOneWay() {
        // The composition root (dev.stile.server: App, OpsWiring) may import every server package;
        // below it, no package of the server may reach back into another that reaches into it
        // (the arrows issue 12 found: ops -> App, step/StepApi -> http/step -> step, http/acme -> server/acme).
        slices().matching("dev.stile.server.(*)..").should().beFreeOfCycles().check(classes);
        noClasses().that().resideInAPackage("dev.stile.server.(*)..").and().resideOutsideOfPackage("dev.stile.server.cli..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.stile.server.App")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.stile.server.OpsWiring")
                .because("only the composition root knows the whole server; below it only the commands that start it"
                        + " (server.cli) import App")
                .check(classes);
    }

    @Test
    void modulesHaveNoCycles() {
        slices().matching("dev.stile.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void everyMainPackageSaysItsRoleInAPackageInfo() throws java.io.IOException {
        java.nio.file.Path root = java.nio.file.Path.of("").toAbsolutePath().getParent();
        java.util.List<String> missing = new java.util.ArrayList<>();
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(root, 12)) {
            files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/")
                            && !f.toString().contains("/target/"))
                    .map(java.nio.file.Path::getParent).distinct()
                    .filter(dir -> !java.nio.file.Files.exists(dir.resolve("package-info.java")))
                    .forEach(dir -> missing.add(root.relativize(dir).toString()));
        }
        org.assertj.core.api.Assertions.assertThat(missing)
                .as("packages without a package-info.java naming their role and what they may import")
                .isEmpty();
    }

    /** Classes in {@code subject} may depend on dev.stile classes only in {@code allowed}. */
    private static ArchRule only(String subject, String... allowed) {
        return noClasses().that().resideInAPackage(subject)
                .should().dependOnClassesThat(describe("dev.stile classes outside " + String.join(", ", allowed),
                        target -> target.getPackageName().startsWith("dev.stile.")
                                && java.util.Arrays.stream(allowed).noneMatch(p ->
                                (target.getPackageName() + ".").startsWith(p.substring(0, p.length() - 1)))));
    }
}
