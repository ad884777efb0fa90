package dev.stile.server.http.acme;

import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.challenge.TlsAlpn01Challenge;
import org.shredzone.acme4j.util.KeyPairUtils;

import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The client's part of ACME flows against {@link AcmeTestServer}: solving challenges, checking chains. */
final class AcmeFlows {

    static final Duration WAIT = Duration.ofSeconds(30);

    private AcmeFlows() {
    }

    /** Solves one authorization with the given challenge type and waits until it is valid. */
    static void solve(AcmeTestServer server, Authorization authz, String type) throws Exception {
        if (authz.getStatus() == Status.VALID) {
            return;
        }
        Challenge challenge = prepare(server, authz, type);
        challenge.trigger();
        Status status = challenge.waitForCompletion(WAIT);
        assertThat(status).as("challenge %s for %s: %s", type, authz.getIdentifier(), challenge.getError())
                .isEqualTo(Status.VALID);
    }

    /** Puts the response where the validator will look, without triggering. */
    static Challenge prepare(AcmeTestServer server, Authorization authz, String type) throws Exception {
        Identifier id = authz.getIdentifier();
        switch (type) {
            case Http01Challenge.TYPE: {
                Http01Challenge c = authz.findChallenge(Http01Challenge.class).orElseThrow();
                server.responders.serveToken(c.getToken(), c.getAuthorization());
                return c;
            }
            case Dns01Challenge.TYPE: {
                Dns01Challenge c = authz.findChallenge(Dns01Challenge.class).orElseThrow();
                server.dns.addTxt(c.getRRName(id), c.getDigest());
                return c;
            }
            case TlsAlpn01Challenge.TYPE: {
                TlsAlpn01Challenge c = authz.findChallenge(TlsAlpn01Challenge.class).orElseThrow();
                KeyPair key = KeyPairUtils.createKeyPair(2048); // acme4j signs it with SHA256withRSA
                server.responders.serveAlpnCertificate(key, c.createCertificate(key, id));
                return c;
            }
            default:
                throw new IllegalArgumentException(type);
        }
    }

    /** Authorizes every identifier (dns-01 for wildcards, else {@code type}), finalizes, waits for valid. */
    static KeyPair complete(AcmeTestServer server, Order order, String type) throws Exception {
        for (Authorization authz : order.getAuthorizations()) {
            solve(server, authz, authz.isWildcard() ? Dns01Challenge.TYPE : type);
        }
        assertThat(order.waitUntilReady(WAIT)).isEqualTo(Status.READY);
        KeyPair domainKey = KeyPairUtils.createECKeyPair("secp256r1");
        order.execute(domainKey);
        assertThat(order.waitForCompletion(WAIT)).as("order error %s", order.getError()).isEqualTo(Status.VALID);
        return domainKey;
    }

    /** The chain verifies up to the CA's root (PKIX, no revocation checking). */
    static void assertChainVerifies(List<X509Certificate> chain, X509Certificate root) throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(chain), params);
    }
}
