package dev.stile.server.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;

import static dev.stile.server.e2e.E2eStack.NAMES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * lego against {@code stile serve}: http-01, tls-alpn-01 and dns-01 through the {@code exec}
 * provider, each obtaining a certificate for two names, renewing and revoking it. One server,
 * one DNS server for the class.
 */
class LegoIT {

    private static E2eStack stack;

    @BeforeAll
    static void start() {
        E2eRequirements.lego();
        stack = E2eStack.start(LegoIT.class);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void http01ObtainsRenewsAndRevokes() {
        lifecycle(Lego.http(stack.workspace, stack.server, NAMES, LoopbackPorts.CLIENT_ADDRESS, stack.httpPort));
    }

    @Test
    void tlsAlpn01ObtainsRenewsAndRevokes() {
        lifecycle(Lego.tlsAlpn(stack.workspace, stack.server, NAMES, LoopbackPorts.CLIENT_ADDRESS, stack.tlsPort));
    }

    @Test
    void dns01ExecProviderObtainsRenewsAndRevokes() {
        lifecycle(Lego.dnsExec(stack.workspace, stack.server, NAMES, DnsHookScripts.legoExec(stack.workspace.root(), stack.dns), stack.dns));
        for (String n : NAMES) {
            assertThat(stack.dns.txt("_acme-challenge." + n)).as("TXT left behind by the cleanup call").isEmpty();
        }
    }

    /** Obtain, check, renew, check, revoke, check the server knows, revoke again. */
    private static void lifecycle(Lego lego) {
        lego.run().assertSucceeded();
        X509Certificate first = stack.checks.assertIssued(lego.certificate(), lego.issuer(), NAMES);

        lego.renew().assertSucceeded();
        X509Certificate renewed = stack.checks.assertIssued(lego.certificate(), lego.issuer(), NAMES);
        stack.checks.assertRenewed(first, renewed);

        lego.revoke().assertSucceeded();
        stack.checks.assertRevoked(renewed);
        stack.checks.assertNotRevoked(first);

        CertificateChecks.assertAlreadyRevoked(lego.revoke(), "");
    }
}
