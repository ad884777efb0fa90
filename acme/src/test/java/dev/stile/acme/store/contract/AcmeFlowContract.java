package dev.stile.acme.store.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.acme.jws.AuthMode;
import dev.stile.acme.jws.JwsRequest;
import dev.stile.acme.jws.JwsVerifier;
import dev.stile.acme.jws.VerifiedRequest;
import dev.stile.acme.model.Account;
import dev.stile.acme.model.Authorization;
import dev.stile.acme.model.Challenge;
import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.model.Order;
import dev.stile.acme.model.Status;
import dev.stile.acme.nonce.NonceService;
import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.service.AccountService;
import dev.stile.acme.service.AcmeLinks;
import dev.stile.acme.service.AcmeProvisionerSettings;
import dev.stile.acme.service.AuthorizationService;
import dev.stile.acme.service.CertificateService;
import dev.stile.acme.service.ChallengeService;
import dev.stile.acme.service.FinalizeService;
import dev.stile.acme.service.OrderService;
import dev.stile.acme.service.RenewalInfoService;
import dev.stile.acme.service.ValidationRunner;
import dev.stile.acme.testing.FakeRevocation;
import dev.stile.acme.testing.MutableClock;
import dev.stile.acme.testing.TestCsr;
import dev.stile.acme.testing.TestIssuer;
import dev.stile.acme.testing.TestJws;
import dev.stile.acme.testing.TestKeys;
import dev.stile.acme.validation.ChallengeValidator;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationTarget;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A whole ACME flow through the real JWS verifier and every service, over a store implementation:
 * account, order with a wildcard, challenges validated in the background by a validator that
 * checks the key authorization it is given, finalize, download, ARI, revoke. The same test runs on
 * the fakes and on the JDBC stores (H2, PostgreSQL), so state really round-trips the database.
 */
public abstract class AcmeFlowContract {

    protected abstract AcmeStoreContract.Stores newStores();

    private ValidationRunner runner;

    @AfterEach
    void stop() {
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    void certificateForTwoNamesFromAccountToRevocation() throws Exception {
        AcmeStoreContract.Stores s = newStores();
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        AcmeLinks links = new AcmeLinks("https://ca.test", "acme");
        AcmeProvisionerSettings settings = AcmeProvisionerSettings.defaults("acme");
        NonceService nonces = new NonceService(s.nonces(), clock);
        JwsVerifier verifier = new JwsVerifier(nonces, s.accounts());
        Set<String> published = ConcurrentHashMap.newKeySet();
        ChallengeValidator dns01 = new ChallengeValidator() {
            public ChallengeType type() {
                return ChallengeType.DNS_01;
            }

            public ValidationOutcome validate(ValidationTarget t) {
                return published.contains(t.keyAuthorization()) ? ValidationOutcome.valid(List.of())
                        : ValidationOutcome.invalid(dev.stile.acme.problem.AcmeProblem.INCORRECT_RESPONSE
                        .withDetail("no TXT record with the key authorization digest"), List.of());
            }
        };
        runner = new ValidationRunner(s.orders(), s.accounts(), Map.of(ChallengeType.DNS_01, dns01),
                AcmeLinks.accountUrls("https://ca.test"), clock, ValidationRunner.Settings.defaults());
        TestIssuer issuer = new TestIssuer(clock);
        FakeRevocation revocation = new FakeRevocation(clock);
        AccountService accounts = new AccountService(s.accounts(), s.orders(), s.eabKeys(), clock);
        OrderService orders = new OrderService(s.orders(), s.certificates(), clock);
        AuthorizationService authzs = new AuthorizationService(s.orders(), clock);
        ChallengeService challenges = new ChallengeService(s.orders(), runner, clock);
        FinalizeService finalizer = new FinalizeService(s.orders(), s.certificates(), issuer, null,
                AcmeLinks.accountUrls("https://ca.test"), clock);
        CertificateService certificates = new CertificateService(s.certificates(), s.orders(), revocation,
                AcmeLinks.accountUrls("https://ca.test"), clock);
        RenewalInfoService ari = new RenewalInfoService(s.certificates(), revocation, clock);

        PublicJsonWebKey key = TestKeys.ec256();
        Client client = new Client(verifier, nonces, links, key);

        Account account = accounts.newAccount(settings, client.post(links.newAccount(), AuthMode.JWK, null,
                "{\"termsOfServiceAgreed\":true,\"contact\":[\"mailto:ops@example.com\"]}")).account();
        String kid = links.account(account.id());
        assertThat(accounts.newAccount(settings, client.post(links.newAccount(), AuthMode.JWK, null,
                "{\"onlyReturnExisting\":true}")).created()).isFalse();

        Order order = orders.newOrder(settings, client.post(links.newOrder(), AuthMode.KID, kid,
                "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"*.home.example\"},{\"type\":\"dns\",\"value\":\"home.example\"}]}"));
        assertThat(order.status()).isEqualTo(Status.PENDING);
        for (String authzId : order.authorizationIds()) {
            Authorization a = authzs.authorization(client.post(links.authz(authzId), AuthMode.KID, kid, ""), authzId);
            Challenge dns = a.challenges().stream().filter(c -> c.type() == ChallengeType.DNS_01).findFirst().orElseThrow();
            published.add(dev.stile.acme.model.KeyAuthorization.of(dns.token(), client.thumbprint()));
            Challenge answered = challenges.respond(client.post(links.challenge(authzId, dns.id()), AuthMode.KID, kid, "{}"),
                    authzId, dns.id());
            assertThat(answered.status()).isIn(Status.PROCESSING, Status.VALID);
        }
        Order ready = null;
        for (int i = 0; i < 300; i++) {
            ready = orders.order(client.post(links.order(order.id()), AuthMode.KID, kid, ""), order.id());
            if (ready.status() != Status.PENDING) {
                break;
            }
            Thread.sleep(10);
        }
        assertThat(ready.status()).isEqualTo(Status.READY);

        byte[] csr = TestCsr.of(TestIssuer.ecKeyPair(), null, "home.example", "*.home.example");
        Order valid = finalizer.finalize(settings, client.post(links.finalizeOrder(order.id()), AuthMode.KID, kid,
                "{\"csr\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(csr) + "\"}"), order.id());
        assertThat(valid.status()).isEqualTo(Status.VALID);
        String pem = certificates.download(client.post(links.certificate(valid.certificateId()), AuthMode.KID, kid, ""),
                valid.certificateId());
        assertThat(pem).contains("BEGIN CERTIFICATE");

        String certId = s.certificates().find(valid.certificateId()).orElseThrow().ariCertId();
        assertThat(ari.renewalInfo(certId).start()).isAfter(clock.instant());
        java.security.cert.X509Certificate leaf = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory
                .getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(pem.getBytes()));
        String der = Base64.getUrlEncoder().withoutPadding().encodeToString(leaf.getEncoded());
        certificates.revoke(client.post(links.revokeCert(), AuthMode.KID_OR_JWK, kid, "{\"certificate\":\"" + der + "\",\"reason\":1}"));
        assertThat(ari.renewalInfo(certId).start()).isBeforeOrEqualTo(clock.instant());
        AcmeException again = catchThrowableOfType(AcmeException.class, () -> certificates.revoke(
                client.post(links.revokeCert(), AuthMode.KID_OR_JWK, kid, "{\"certificate\":\"" + der + "\"}")));
        assertThat(again.problem().type()).endsWith(":alreadyRevoked");

        JsonNode list = new ObjectMapper().valueToTree(accounts.listOrders(
                client.post(links.accountOrders(account.id()), AuthMode.KID, kid, ""), account.id(), "").items());
        assertThat(list).hasSize(1);
        String unused = nonces.issue();
        clock.advance(Duration.ofHours(2));
        assertThat(nonces.purgeExpired()).as("the replay records of every nonce the flow used").isPositive();
        assertThat(nonces.purgeExpired()).isZero();
        assertThat(nonces.redeem(unused)).as("expired").isFalse();
    }

    /** Signs requests like an ACME client: fresh nonce from the server for each. */
    private static final class Client {
        private final JwsVerifier verifier;
        private final NonceService nonces;
        private final AcmeLinks links;
        private final PublicJsonWebKey key;

        Client(JwsVerifier verifier, NonceService nonces, AcmeLinks links, PublicJsonWebKey key) {
            this.verifier = verifier;
            this.nonces = nonces;
            this.links = links;
            this.key = key;
        }

        String thumbprint() {
            return dev.stile.acme.model.KeyAuthorization.thumbprint(key);
        }

        VerifiedRequest post(String url, AuthMode mode, String kid, String payload) {
            TestJws jws = TestJws.signedBy(key).url(url).nonce(nonces.issue()).payload(payload);
            if (kid != null) {
                jws.kid(kid);
            }
            return verifier.verify(new JwsRequest("application/jose+json", jws.body(), url, "acme", links.accountPrefix()), mode);
        }
    }
}
