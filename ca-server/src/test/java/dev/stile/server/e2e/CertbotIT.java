package dev.stile.server.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * certbot against {@code stile serve}: http-01 with {@code --standalone} and dns-01 with
 * {@code --manual} hook scripts, each obtaining a certificate for two names, renewing and revoking it.
 * One server, one DNS server for the class.
 */
class CertbotIT {

    private static final List<String> NAMES = List.of("a." + KnotDns.ZONE, "b." + KnotDns.ZONE);

    private static Workspace workspace;
    private static KnotDns dns;
    private static StileServer server;
    private static int httpPort;
    private static CertificateChecks checks;

    @BeforeAll
    static void start() {
        E2eRequirements.certbot();
        workspace = Workspace.forClass(CertbotIT.class);
        dns = KnotDns.start(workspace, List.of("a", "b"), LoopbackPorts.CLIENT_ADDRESS);
        httpPort = LoopbackPorts.freeTcpPort(LoopbackPorts.CLIENT_ADDRESS);
        int unusedTlsPort = LoopbackPorts.freeTcpPort(LoopbackPorts.CLIENT_ADDRESS);
        server = StileServer.start(workspace, httpPort, unusedTlsPort, dns.address());
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
    void standaloneHttp01ObtainsRenewsAndRevokesWithTheAccountKey() {
        Certbot certbot = new Certbot(workspace, server, "certbot-http");
        String name = "e2e-http";

        certbot.certonlyHttp(name, LoopbackPorts.CLIENT_ADDRESS, httpPort, NAMES).assertSucceeded();
        lifecycle(certbot, name, false);
    }

    @Test
    void manualDns01HooksObtainRenewAndRevokeWithTheCertificateKey() {
        Certbot certbot = new Certbot(workspace, server, "certbot-dns");
        Path hook = DnsHookScripts.certbotHook(workspace.root(), dns);
        String name = "e2e-dns";

        certbot.certonlyDns(name, hook, NAMES).assertSucceeded();
        for (String n : NAMES) {
            assertThat(dns.txt("_acme-challenge." + n)).as("TXT left behind by the cleanup hook").isEmpty();
        }
        lifecycle(certbot, name, true);
    }

    /** Check the first certificate, renew, check, revoke, check the server knows, revoke again. */
    private static void lifecycle(Certbot certbot, String name, boolean revokeWithCertificateKey) {
        X509Certificate first = checks.assertIssued(certbot.cert(name), certbot.chain(name), NAMES);
        checks.assertIssued(certbot.fullchain(name), certbot.chain(name), NAMES);

        certbot.renew(name).assertSucceeded();
        X509Certificate renewed = checks.assertIssued(certbot.cert(name), certbot.chain(name), NAMES);
        checks.assertRenewed(first, renewed);

        certbot.revoke(name, revokeWithCertificateKey).assertSucceeded();
        checks.assertRevoked(renewed);
        checks.assertNotRevoked(first);

        ExternalProgram.Result again = certbot.revoke(name, revokeWithCertificateKey);
        CertificateChecks.assertAlreadyRevoked(again, certbot.lastDebugLog());
    }
}
