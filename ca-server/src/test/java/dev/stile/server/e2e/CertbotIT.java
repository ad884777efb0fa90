package dev.stile.server.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.security.cert.X509Certificate;

import static dev.stile.server.e2e.E2eStack.NAMES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * certbot against {@code stile serve}: http-01 with {@code --standalone} and dns-01 with
 * {@code --manual} hook scripts, each obtaining a certificate for two names, renewing and revoking it.
 * One server, one DNS server for the class.
 */
class CertbotIT {

    private static E2eStack stack;

    @BeforeAll
    static void start() {
        E2eRequirements.certbot();
        stack = E2eStack.start(CertbotIT.class);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void standaloneHttp01ObtainsRenewsAndRevokesWithTheAccountKey() {
        Certbot certbot = new Certbot(stack.workspace, stack.server, "certbot-http");
        String name = "e2e-http";

        certbot.certonlyHttp(name, LoopbackPorts.CLIENT_ADDRESS, stack.httpPort, NAMES).assertSucceeded();
        lifecycle(certbot, name, false);
    }

    @Test
    void manualDns01HooksObtainRenewAndRevokeWithTheCertificateKey() {
        Certbot certbot = new Certbot(stack.workspace, stack.server, "certbot-dns");
        Path hook = DnsHookScripts.certbotHook(stack.workspace.root(), stack.dns);
        String name = "e2e-dns";

        certbot.certonlyDns(name, hook, NAMES).assertSucceeded();
        for (String n : NAMES) {
            assertThat(stack.dns.txt("_acme-challenge." + n)).as("TXT left behind by the cleanup hook").isEmpty();
        }
        lifecycle(certbot, name, true);
    }

    /** Check the first certificate, renew, check, revoke, check the server knows, revoke again. */
    private static void lifecycle(Certbot certbot, String name, boolean revokeWithCertificateKey) {
        X509Certificate first = stack.checks.assertIssued(certbot.cert(name), certbot.chain(name), NAMES);
        stack.checks.assertIssued(certbot.fullchain(name), certbot.chain(name), NAMES);

        certbot.renew(name).assertSucceeded();
        X509Certificate renewed = stack.checks.assertIssued(certbot.cert(name), certbot.chain(name), NAMES);
        stack.checks.assertRenewed(first, renewed);

        certbot.revoke(name, revokeWithCertificateKey).assertSucceeded();
        stack.checks.assertRevoked(renewed);
        stack.checks.assertNotRevoked(first);

        ExternalProgram.Result again = certbot.revoke(name, revokeWithCertificateKey);
        CertificateChecks.assertAlreadyRevoked(again, certbot.lastDebugLog());
    }
}
