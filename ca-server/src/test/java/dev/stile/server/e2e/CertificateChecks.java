package dev.stile.server.e2e;

import dev.stile.testsupport.Requirements;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every certificate a client obtained must satisfy: it covers exactly the requested names
 * for the default 24 h, its chain verifies with {@code openssl verify} against the CA's root, and
 * the server's view of it (renewal information) says revoked exactly when it was revoked.
 */
final class CertificateChecks {

    private static final Duration DEFAULT_LIFETIME = Duration.ofHours(24);
    private static final Duration MAX_BACKDATE = Duration.ofMinutes(5);

    private final Workspace workspace;
    private final AcmeServer server;
    private final RenewalInfoProbe renewalInfo;
    private final String openssl;

    CertificateChecks(Workspace workspace, AcmeServer server) {
        this.workspace = workspace;
        this.server = server;
        this.renewalInfo = new RenewalInfoProbe(server);
        this.openssl = Requirements.program("openssl", "openssl");
    }

    /**
     * Checks a freshly obtained certificate and returns it.
     *
     * @param leaf  PEM file whose first certificate is the leaf
     * @param chain PEM file with the intermediates the client saved
     * @param names the DNS names requested
     */
    X509Certificate assertIssued(Path leaf, Path chain, List<String> names) {
        X509Certificate certificate = firstCertificate(leaf);
        assertThat(dnsNames(certificate)).as("SANs of %s", leaf).containsExactlyInAnyOrderElementsOf(names);
        Duration lifetime = Duration.between(certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant());
        assertThat(lifetime).as("lifetime of %s: the ACME provisioner's default 24 h plus the backdate", leaf)
                .isBetween(DEFAULT_LIFETIME, DEFAULT_LIFETIME.plus(MAX_BACKDATE));
        ExternalProgram.Result verify = ExternalProgram.run(workspace.log("openssl-verify"), Map.of(),
                Duration.ofSeconds(20), List.of(openssl, "verify", "-CAfile", server.issuingRoot().toString(),
                        "-untrusted", chain.toString(), leaf.toString()));
        verify.assertSucceeded();
        assertThat(verify.output()).as("openssl verify output").contains(leaf + ": OK");
        assertNotRevoked(certificate);
        return certificate;
    }

    /** A renewal is a new certificate (another serial) for the same names. */
    void assertRenewed(X509Certificate previous, X509Certificate renewed) {
        assertThat(renewed.getSerialNumber()).as("serial of the renewed certificate")
                .isNotEqualTo(previous.getSerialNumber());
        assertThat(renewed.getNotBefore()).isAfterOrEqualTo(previous.getNotBefore());
    }

    /** The server suggests renewing later: it does not consider the certificate revoked. */
    void assertNotRevoked(X509Certificate certificate) {
        RenewalInfoProbe.Window window = renewalInfo.window(certificate);
        assertThat(window.start()).as("renewalInfo window start of a valid certificate " + serial(certificate))
                .isAfter(Instant.now());
    }

    /** RFC 9773: for a revoked certificate the suggested window has already begun. */
    void assertRevoked(X509Certificate certificate) {
        RenewalInfoProbe.Window window = renewalInfo.window(certificate);
        assertThat(window.start()).as("renewalInfo window start of revoked certificate " + serial(certificate))
                .isBeforeOrEqualTo(Instant.now());
    }

    /** Revoking twice must fail with the RFC 8555 error type, wherever the client printed it. */
    static void assertAlreadyRevoked(ExternalProgram.Result second, String clientLog) {
        assertThat(second.exitCode()).as(second.describe("revoked an already revoked certificate")).isNotZero();
        assertThat(second.output() + clientLog).as(second.describe("gave another error"))
                .contains("urn:ietf:params:acme:error:alreadyRevoked");
    }

    static String serial(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }

    static X509Certificate firstCertificate(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | CertificateException e) {
            throw new AssertionError("cannot read a certificate from " + pem + ": " + e, e);
        }
    }

    static List<String> dnsNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (Integer.valueOf(2).equals(san.get(0))) {
                        names.add((String) san.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new AssertionError("unreadable subject alternative names", e);
        }
        return names;
    }
}
