package dev.stile.acme.service;

import dev.stile.acme.model.Account;
import dev.stile.acme.model.Order;
import dev.stile.acme.store.AcmeCertificate;
import dev.stile.acme.testing.TestCsr;
import dev.stile.acme.testing.TestIssuer;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;

import static dev.stile.acme.service.AcmeFixture.dnsIds;
import static dev.stile.acme.service.AcmeFixture.problem;
import static org.assertj.core.api.Assertions.assertThat;

class CertificateServiceTest {

    final AcmeFixture f = new AcmeFixture();
    final Account owner = f.newAccount();
    final KeyPair certKey = keyPair();
    final AcmeCertificate cert = issue(owner, "www.example.com");

    static KeyPair keyPair() {
        try {
            return TestIssuer.ecKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    AcmeCertificate issue(Account account, String... names) {
        Order o = f.newOrder(account, dnsIds(names));
        f.validateAll(o);
        String csr = Base64.getUrlEncoder().withoutPadding().encodeToString(TestCsr.of(certKey, null, names));
        Order done = f.finalizer(null).finalize(f.settings, f.kidRequest(account, f.links.finalizeOrder(o.id()),
                "{\"csr\":\"" + csr + "\"}"), o.id());
        return f.certificates.find(done.certificateId()).orElseThrow();
    }

    static X509Certificate leaf(AcmeCertificate c) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(c.chainPem().getBytes()));
    }

    String payload(AcmeCertificate c, String reason) throws Exception {
        return "{\"certificate\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(leaf(c).getEncoded()) + "\""
                + (reason == null ? "" : ",\"reason\":" + reason) + "}";
    }

    @Test
    void okOwnerRevokesWithReasonThenAlreadyRevoked() throws Exception {
        f.certificateService.revoke(f.kidRequest(owner, f.links.revokeCert(), payload(cert, "4")));
        assertThat(f.revocation.reason(cert.serialHex())).isEqualTo(4);
        problem("alreadyRevoked", () -> f.certificateService.revoke(f.kidRequest(owner, f.links.revokeCert(), payload(cert, "4"))));
    }

    @Test
    void failBadRevocationReasons() {
        for (String reason : new String[]{"7", "11", "-1", "\"keyCompromise\""}) {
            problem("badRevocationReason", () -> f.certificateService.revoke(f.kidRequest(owner, f.links.revokeCert(), payload(cert, reason))));
        }
        assertThat(f.revocation.revokedAt(cert.serialHex())).isEmpty();
    }

    @Test
    void okRevokeSignedByTheCertificateKey() throws Exception {
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(certKey.getPublic());
        f.certificateService.revoke(f.jwkRequest(jwk, f.links.revokeCert(), payload(cert, null)));
        assertThat(f.revocation.reason(cert.serialHex())).isEqualTo(0);
    }

    @Test
    void failRevokeSignedByAnUnrelatedKey() throws Exception {
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(keyPair().getPublic());
        problem("unauthorized", () -> f.certificateService.revoke(f.jwkRequest(jwk, f.links.revokeCert(), payload(cert, null))));
    }

    @Test
    void failAnotherAccountWithoutAuthorizationsOkWithThem() throws Exception {
        Account other = f.newAccount();
        problem("unauthorized", () -> f.certificateService.revoke(f.kidRequest(other, f.links.revokeCert(), payload(cert, null))));
        f.validateAll(f.newOrder(other, dnsIds("www.example.com")));
        f.certificateService.revoke(f.kidRequest(other, f.links.revokeCert(), payload(cert, "1")));
        assertThat(f.revocation.reason(cert.serialHex())).isEqualTo(1);
    }

    @Test
    void failRevokeWithGarbage() {
        problem("malformed", () -> f.certificateService.revoke(f.kidRequest(owner, f.links.revokeCert(), "{\"certificate\":\"AAAA\"}")));
        problem("malformed", () -> f.certificateService.revoke(f.kidRequest(owner, f.links.revokeCert(), "{}")));
    }

    @Test
    void okRenewalInfoWindowIsTheMiddleThirdOfTheLastThird() {
        RenewalInfo info = f.renewalInfo.renewalInfo(cert.ariCertId());
        Duration validity = Duration.between(cert.notBefore(), cert.notAfter());
        assertThat(Duration.between(cert.notBefore(), info.start())).isEqualTo(validity.multipliedBy(2).dividedBy(3).plus(validity.dividedBy(9)));
        assertThat(Duration.between(info.start(), info.end())).isEqualTo(validity.dividedBy(9));
        assertThat(info.retryAfter()).isEqualTo(validity.dividedBy(8));
    }

    @Test
    void okRenewalInfoOfARevokedCertificateStartsNow() throws Exception {
        f.clock.advance(Duration.ofHours(1));
        f.certificateService.revoke(f.kidRequest(owner, f.links.revokeCert(), payload(cert, "1")));
        RenewalInfo info = f.renewalInfo.renewalInfo(cert.ariCertId());
        assertThat(info.start()).isBeforeOrEqualTo(f.clock.instant());
        assertThat(info.end()).isAfter(f.clock.instant());
    }

    @Test
    void failRenewalInfoForBadOrUnknownIds() throws Exception {
        problem("malformed", () -> f.renewalInfo.renewalInfo("not-a-cert-id"));
        problem("malformed", () -> f.renewalInfo.renewalInfo("a.b.c"));
        var e = problem("malformed", () -> f.renewalInfo.renewalInfo("AAAA.AQ"));
        assertThat(e.problem().status()).isEqualTo(404);
        assertThat(AriCertId.of(leaf(cert))).isEqualTo(cert.ariCertId());
    }
}
