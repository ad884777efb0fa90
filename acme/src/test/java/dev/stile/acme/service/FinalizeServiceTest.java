package dev.stile.acme.service;

import dev.stile.authority.csr.CsrVerifications;
import dev.stile.acme.model.Account;
import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.model.Order;
import dev.stile.acme.model.Status;
import dev.stile.acme.port.CaaChecker;
import dev.stile.acme.problem.AcmeProblem;
import dev.stile.acme.store.AcmeCertificate;
import dev.stile.acme.testing.TestCsr;
import dev.stile.acme.testing.TestIssuer;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static dev.stile.acme.service.AcmeFixture.dnsIds;
import static dev.stile.acme.service.AcmeFixture.problem;
import static org.assertj.core.api.Assertions.assertThat;

class FinalizeServiceTest {

    final AcmeFixture f = new AcmeFixture();
    final AtomicReference<PublicJsonWebKey> accountKey = new AtomicReference<>();
    final Account account = f.newAccount(accountKey::set);
    final KeyPair certKey = keyPair();
    final FinalizeService finalizer = f.finalizer(null);

    static KeyPair keyPair() {
        try {
            return TestIssuer.ecKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Order finalize(FinalizeService fs, Order o, byte[] csr) {
        String payload = "{\"csr\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(csr) + "\"}";
        return fs.finalize(f.settings, f.kidRequest(account, f.links.finalizeOrder(o.id()), payload), o.id());
    }

    Order readyOrder(String... names) {
        Order o = f.newOrder(account, dnsIds(names));
        f.validateAll(o);
        return o;
    }

    @Test
    void okIssuesSynchronouslyAndAnswersValid() {
        Order o = readyOrder("www.example.com", "192.0.2.7");
        Order done = finalize(finalizer, o, TestCsr.of(certKey, "www.example.com", "www.example.com", "192.0.2.7"));
        assertThat(done.status()).isEqualTo(Status.VALID);
        assertThat(done.certificateId()).isNotNull();
        AcmeCertificate cert = f.certificates.find(done.certificateId()).orElseThrow();
        assertThat(cert.chainPem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(cert.accountId()).isEqualTo(account.id());
        assertThat(cert.ariCertId()).contains(".");
        var req = f.issuer.requests().get(0);
        assertThat(req.identifiers()).containsExactly(Identifier.dns("www.example.com"), Identifier.ip("192.0.2.7"));
        assertThat(req.lifetime()).isEqualTo(Duration.ofHours(24));
        assertThat(req.requester()).isEqualTo(f.links.account(account.id()));
        String download = f.certificateService.download(f.kidRequest(account, f.links.certificate(cert.id()), ""), cert.id());
        assertThat(download).isEqualTo(cert.chainPem());
        problem("unauthorized", () -> f.certificateService.download(f.kidRequest(f.newAccount(), f.links.certificate(cert.id()), ""), cert.id()));
    }

    @Test
    void okProfileLifetimeIsUsed() {
        f.settings = new AcmeProvisionerSettings("acme", null, false, null, null, null, null, null, null,
                Map.of("short", new AcmeProvisionerSettings.Profile("6 h", Duration.ofHours(6))), null, null);
        Order o = f.orderService.newOrder(f.settings, f.kidRequest(account, f.links.newOrder(),
                "{\"identifiers\":" + dnsIds("a.example.com") + ",\"profile\":\"short\"}"));
        f.validateAll(o);
        finalize(finalizer, o, TestCsr.of(certKey, null, "a.example.com"));
        assertThat(f.issuer.requests().get(0).lifetime()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void failOrderNotReady() {
        Order o = f.newOrder(account, dnsIds("a.example.com"));
        problem("orderNotReady", () -> finalize(finalizer, o, TestCsr.of(certKey, null, "a.example.com")));
    }

    @Test
    void secondFinalizeOfAValidOrderAnswersItWithoutIssuingAgain() {
        Order o = readyOrder("a.example.com");
        Order first = finalize(finalizer, o, TestCsr.of(certKey, null, "a.example.com"));
        String payload = "{\"csr\":\"" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(TestCsr.of(certKey, null, "a.example.com")) + "\"}";
        FinalizeService.Finalized again = finalizer.finalizeOrder(f.settings,
                f.kidRequest(account, f.links.finalizeOrder(o.id()), payload), o.id());
        assertThat(again.issued()).isFalse();
        assertThat(again.order().status()).isEqualTo(Status.VALID);
        assertThat(again.order().certificateId()).isEqualTo(first.certificateId());
        assertThat(f.issuer.requests()).hasSize(1);
    }

    @Test
    void eachFinalizeVerifiesItsCsrSignatureOnce() {
        Order o = readyOrder("a.example.com", "b.example.com");
        byte[] csr = TestCsr.of(certKey, null, "a.example.com", "b.example.com");
        long before = CsrVerifications.count();
        assertThat(finalize(finalizer, o, csr).status()).isEqualTo(Status.VALID);
        assertThat(CsrVerifications.count() - before).as("CSR signature verifications in one finalize").isEqualTo(1);
    }

    @Test
    void failBadCsrLeavesTheOrderReady() throws Exception {
        Order o = readyOrder("a.example.com", "b.example.com");
        problem("badCSR", () -> finalize(finalizer, o, TestCsr.of(certKey, null, "a.example.com")));
        problem("badCSR", () -> finalize(finalizer, o, TestCsr.of(certKey, "c.example.com", "a.example.com", "b.example.com")));
        problem("badCSR", () -> finalize(finalizer, o, TestCsr.of(certKey, null, "a.example.com", "b.example.com", "c.example.com")));
        problem("badCSR", () -> finalize(finalizer, o, new byte[]{1, 2, 3}));
        byte[] tampered = TestCsr.of(certKey, null, "a.example.com", "b.example.com");
        tampered[tampered.length - 5] ^= 0x55;
        problem("badCSR", () -> finalize(finalizer, o, tampered));
        KeyPair acct = new KeyPair(accountKey.get().getPublicKey(), accountKey.get().getPrivateKey());
        problem("badCSR", () -> finalize(finalizer, o, TestCsr.of(acct, null, "a.example.com", "b.example.com")));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        problem("badCSR", () -> finalize(finalizer, o, TestCsr.of(rsa.generateKeyPair(), null, "a.example.com", "b.example.com")));
        problem("malformed", () -> finalize(finalizer, o, new byte[0]));
        assertThat(f.orderService.view(f.orders.findOrder(o.id()).orElseThrow()).status()).isEqualTo(Status.READY);
        assertThat(finalize(finalizer, o, TestCsr.of(certKey, "A.example.com", "b.example.com")).status()).isEqualTo(Status.VALID);
    }

    @Test
    void failIssuanceErrorMakesTheOrderInvalid() {
        Order o = readyOrder("a.example.com");
        f.issuer.failNextWith(new IllegalStateException("HSM unplugged"));
        var e = problem("serverInternal", () -> finalize(finalizer, o, TestCsr.of(certKey, null, "a.example.com")));
        assertThat(e.problem().detail()).doesNotContain("HSM");
        Order stored = f.orders.findOrder(o.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(Status.INVALID);
        assertThat(stored.error().type()).isEqualTo(AcmeProblem.SERVER_INTERNAL.type());
    }

    @Test
    void failCaaForbidsIssuance() {
        Order o = readyOrder("a.example.com", "b.example.com");
        List<String> calls = new ArrayList<>();
        CaaChecker caa = (id, accountUri, method) -> {
            calls.add(id.value() + " " + method + " " + accountUri);
            return id.value().startsWith("b") ? AcmeProblem.CAA.withDetail("CAA for b.example.com names only other-ca.example") : null;
        };
        var e = problem("caa", () -> finalize(f.finalizer(caa), o, TestCsr.of(certKey, null, "a.example.com", "b.example.com")));
        assertThat(e.problem().subproblems()).singleElement().satisfies(p -> assertThat(p.identifier().value()).isEqualTo("b.example.com"));
        assertThat(calls).contains("a.example.com " + ChallengeType.HTTP_01 + " " + f.links.account(account.id()));
        assertThat(f.orders.findOrder(o.id()).orElseThrow().status()).isEqualTo(Status.INVALID);
        assertThat(f.issuer.requests()).isEmpty();
    }

    @Test
    void okReplacesMarksThePredecessorAndRefusesASecondReplacement() {
        Order o = readyOrder("a.example.com");
        Order done = finalize(finalizer, o, TestCsr.of(certKey, null, "a.example.com"));
        String ari = f.certificates.find(done.certificateId()).orElseThrow().ariCertId();
        String payload = "{\"identifiers\":" + dnsIds("a.example.com") + ",\"replaces\":\"" + ari + "\"}";
        Order renewal = f.orderService.newOrder(f.settings, f.kidRequest(account, f.links.newOrder(), payload));
        assertThat(renewal.replaces()).isEqualTo(ari);
        assertThat(renewal.status()).isEqualTo(Status.READY);
        finalize(finalizer, renewal, TestCsr.of(certKey, null, "a.example.com"));
        assertThat(f.certificates.find(done.certificateId()).orElseThrow().replaced()).isTrue();
        problem("alreadyReplaced", () -> f.orderService.newOrder(f.settings, f.kidRequest(account, f.links.newOrder(), payload)));
        Account other = f.newAccount();
        problem("malformed", () -> f.orderService.newOrder(f.settings, f.kidRequest(other, f.links.newOrder(),
                "{\"identifiers\":" + dnsIds("a.example.com") + ",\"replaces\":\"AAAA.BBBB\"}")));
    }
}
