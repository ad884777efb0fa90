package dev.stile.server.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * lego against {@code stile serve}: http-01, tls-alpn-01 and dns-01 through the {@code exec}
 * provider, each obtaining a certificate for two names, renewing and revoking it. One server,
 * one DNS server for the class.
 */
class LegoIT {

    private static final List<String> NAMES = List.of("a." + KnotDns.ZONE, "b." + KnotDns.ZONE);

    private static Workspace workspace;
    private static KnotDns dns;
    private static StileServer server;
    private static int httpPort;
    private static int tlsPort;
    private static CertificateChecks checks;

    @BeforeAll
    static void start() {
        E2eRequirements.lego();
        workspace = Workspace.forClass(LegoIT.class);
        dns = KnotDns.start(workspace, List.of("a", "b"), LoopbackPorts.CLIENT_ADDRESS);
        httpPort = LoopbackPorts.freeTcpPort(LoopbackPorts.CLIENT_ADDRESS);
        tlsPort = LoopbackPorts.freeTcpPort(LoopbackPorts.CLIENT_ADDRESS);
        server = StileServer.start(workspace, httpPort, tlsPort, dns.address());
        checks = new CertificateChecks(workspace, server);
    }

    @AfterAll
    static void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (dns != null) {
                dns.close();
            }
        }
    }

    @Test
    void http01ObtainsRenewsAndRevokes() {
        lifecycle(Lego.http(workspace, server, NAMES, LoopbackPorts.CLIENT_ADDRESS, httpPort));
    }

    @Test
    void tlsAlpn01ObtainsRenewsAndRevokes() {
        lifecycle(Lego.tlsAlpn(workspace, server, NAMES, LoopbackPorts.CLIENT_ADDRESS, tlsPort));
    }

    @Test
    void dns01ExecProviderObtainsRenewsAndRevokes() {
        lifecycle(Lego.dnsExec(workspace, server, NAMES, DnsHookScripts.legoExec(workspace.root(), dns), dns));
        for (String n : NAMES) {
            assertThat(dns.txt("_acme-challenge." + n)).as("TXT left behind by the cleanup call").isEmpty();
        }
    }

    /** Obtain, check, renew, check, revoke, check the server knows, revoke again. */
    private static void lifecycle(Lego lego) {
        lego.run().assertSucceeded();
        X509Certificate first = checks.assertIssued(lego.certificate(), lego.issuer(), NAMES);

        lego.renew().assertSucceeded();
        X509Certificate renewed = checks.assertIssued(lego.certificate(), lego.issuer(), NAMES);
        checks.assertRenewed(first, renewed);

        lego.revoke().assertSucceeded();
        checks.assertRevoked(renewed);
        checks.assertNotRevoked(first);

        CertificateChecks.assertAlreadyRevoked(lego.revoke(), "");
    }
}
