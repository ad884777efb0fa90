package dev.stile.provisioners.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.provisioners.AuthorizationException;
import dev.stile.authority.ProvisionerExtension;
import dev.stile.provisioners.ProvisionerRegistry;
import dev.stile.authority.ProvisionerType;
import dev.stile.provisioners.StepTokens;
import dev.stile.provisioners.TestPki;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens that carry certificates: X5C sign tokens and x5cInsecure renew tokens. */
class CertificateTokenTest {

    final Instant now = Instant.now();
    final KeyPair rootKey = TestPki.ecKey();
    final X509Certificate root = TestPki.ca("Test Root", rootKey, null, null);
    final KeyPair intKey = TestPki.ecKey();
    final X509Certificate intermediate = TestPki.ca("Test Intermediate", intKey, root, rootKey);
    final KeyPair leafKey = TestPki.ecKey();

    ProvisionerRegistry registry() throws Exception {
        ObjectMapper m = new ObjectMapper();
        return ProvisionerRegistry.load(List.of(
                m.readTree("{\"type\":\"X5C\",\"name\":\"x5c\",\"roots\":\"" + TestPki.base64(TestPki.pem(root)) + "\"}"),
                m.readTree("{\"type\":\"ACME\",\"name\":\"acme\",\"claims\":{\"allowRenewalAfterExpiry\":true}}")), null);
    }

    TokenVerifier verifier() throws Exception {
        ProvisionerRegistry r = registry();
        return new TokenVerifier(() -> r, new Audiences(List.of("ca.example.com")),
                new InMemoryTokenStore(Clock.systemUTC(), 100), Clock.fixed(now, ZoneOffset.UTC), null,
                List.of(root), List.of(intermediate), OidcDiscovery.withDefaults(Clock.systemUTC()));
    }

    X509Certificate leaf(Instant nb, Instant na, ProvisionerExtension ext) {
        return TestPki.leaf("device-1", leafKey, intermediate, intKey, nb, na, ext, List.of("device-1"));
    }

    String x5cToken(X509Certificate leaf, String aud) {
        JwtClaims c = StepTokens.claims("x5c", "device-1", aud, List.of("device-1"), now);
        return StepTokens.sign(c, leafKey.getPrivate(), "thumb",
                Map.of("x5c", List.of(TestPki.der64(leaf), TestPki.der64(intermediate))), x -> { });
    }

    String renewToken(X509Certificate leaf, String sub, String aud) {
        JwtClaims c = StepTokens.claims("step-ca-client/1.0", sub, aud, null, now);
        c.unsetClaim("jti");
        c.unsetClaim("sha");
        return StepTokens.sign(c, leafKey.getPrivate(), "thumb", Map.of("x5cInsecure", List.of(TestPki.der64(leaf))), x -> { });
    }

    static String reason(Runnable r) {
        try {
            r.run();
        } catch (AuthorizationException e) {
            return e.reason();
        }
        throw new AssertionError("expected an AuthorizationException");
    }

    @Test
    void x5cTokenChainingToTheProvisionerRootsIsAccepted() throws Exception {
        X509Certificate leaf = leaf(now.minusSeconds(60), now.plusSeconds(3600), null);
        VerifiedToken t = verifier().authorizeSign(x5cToken(leaf, "https://ca.example.com/1.0/sign#x5c/x5c"));
        assertThat(t.provisioner().name()).isEqualTo("x5c");
        assertThat(t.chain()).first().isEqualTo(leaf);
        assertThat(t.chainNotAfter()).contains(leaf.getNotAfter().toInstant());
    }

    @Test
    void x5cTokenFromAnotherPkiOrExpiredLeafIsRefused() throws Exception {
        KeyPair otherKey = TestPki.ecKey();
        X509Certificate otherRoot = TestPki.ca("Other Root", otherKey, null, null);
        X509Certificate foreign = TestPki.leaf("device-1", leafKey, otherRoot, otherKey, now.minusSeconds(60),
                now.plusSeconds(3600), null, List.of());
        TokenVerifier v = verifier();
        assertThat(reason(() -> v.authorizeSign(x5cToken(foreign, "https://ca.example.com/1.0/sign#x5c/x5c"))))
                .contains("does not verify to the trusted roots");
        X509Certificate expired = leaf(now.minusSeconds(7200), now.minusSeconds(3600), null);
        assertThat(reason(() -> v.authorizeSign(x5cToken(expired, "https://ca.example.com/1.0/sign#x5c/x5c"))))
                .contains("does not verify to the trusted roots");
        X509Certificate ok = leaf(now.minusSeconds(60), now.plusSeconds(3600), null);
        assertThat(reason(() -> v.authorizeSign(x5cToken(ok, "https://ca.example.com/1.0/sign#x5c/nope"))))
                .contains("no provisioner with ID \"x5c/nope\"");
        assertThat(reason(() -> v.authorizeSign(x5cToken(ok, "https://evil.example.com/1.0/sign#x5c/x5c"))))
                .contains("is not one of this CA's sign audiences");
    }

    @Test
    void renewTokenForAnExpiredCertificateIsVerifiedAgainstTheCaRoots() throws Exception {
        ProvisionerExtension ext = new ProvisionerExtension(ProvisionerType.ACME, "acme", "");
        X509Certificate expired = leaf(now.minus(java.time.Duration.ofHours(30)), now.minusSeconds(3600), ext);
        VerifiedToken t = verifier().authorizeRenew(renewToken(expired, "device-1", "https://ca.example.com:9000/renew"));
        assertThat(t.provisioner().name()).isEqualTo("acme");
        assertThat(t.purpose()).isEqualTo(TokenPurpose.RENEW);
        assertThat(t.chain().get(0)).isEqualTo(expired);
        assertThat(t.tokenId()).hasSize(64);
    }

    @Test
    void renewTokenChecks() throws Exception {
        ProvisionerExtension ext = new ProvisionerExtension(ProvisionerType.ACME, "acme", "");
        X509Certificate cert = leaf(now.minusSeconds(60), now.plusSeconds(3600), ext);
        TokenVerifier v = verifier();
        assertThat(reason(() -> v.authorizeRenew(renewToken(cert, "someone-else", "https://ca.example.com/renew"))))
                .contains("is not the certificate's common name \"device-1\"");
        assertThat(reason(() -> v.authorizeRenew(renewToken(cert, "device-1", "https://ca.example.com/1.0/sign"))))
                .contains("is not one of this CA's renew audiences");
        X509Certificate noExt = leaf(now.minusSeconds(60), now.plusSeconds(3600), null);
        assertThat(reason(() -> v.authorizeRenew(renewToken(noExt, "device-1", "https://ca.example.com/renew"))))
                .contains("has no provisioner extension");
        X509Certificate gone = leaf(now.minusSeconds(60), now.plusSeconds(3600),
                new ProvisionerExtension(ProvisionerType.JWK, "deleted", "kid"));
        assertThat(reason(() -> v.authorizeRenew(renewToken(gone, "device-1", "https://ca.example.com/renew"))))
                .contains("provisioner \"deleted\", which is no longer configured");
        String t = renewToken(cert, "device-1", "https://ca.example.com/renew");
        v.authorizeRenew(t);
        assertThat(reason(() -> v.authorizeRenew(t))).contains("token already used");
    }
}
