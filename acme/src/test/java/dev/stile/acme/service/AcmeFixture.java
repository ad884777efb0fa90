package dev.stile.acme.service;

import dev.stile.acme.jws.VerifiedRequest;
import dev.stile.acme.model.Account;
import dev.stile.acme.model.Authorization;
import dev.stile.acme.model.Challenge;
import dev.stile.acme.model.KeyAuthorization;
import dev.stile.acme.model.Order;
import dev.stile.acme.model.Status;
import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.store.fake.InMemoryAccountStore;
import dev.stile.acme.store.fake.InMemoryAcmeCertificateStore;
import dev.stile.acme.store.fake.InMemoryEabKeyStore;
import dev.stile.acme.store.fake.InMemoryOrderStore;
import dev.stile.acme.testing.FakeRevocation;
import dev.stile.acme.testing.MutableClock;
import dev.stile.acme.testing.TestIssuer;
import dev.stile.acme.testing.TestJws;
import dev.stile.acme.testing.TestKeys;
import org.jose4j.jwk.PublicJsonWebKey;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Services wired to HashMap fakes and a fixed clock, plus helpers to build verified requests. */
final class AcmeFixture {

    static final String BASE = "https://ca.test";
    final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    final InMemoryAccountStore accounts = new InMemoryAccountStore();
    final InMemoryOrderStore orders = new InMemoryOrderStore();
    final InMemoryEabKeyStore eabKeys = new InMemoryEabKeyStore();
    final InMemoryAcmeCertificateStore certificates = new InMemoryAcmeCertificateStore();
    final FakeRevocation revocation = new FakeRevocation(clock);
    final TestIssuer issuer = new TestIssuer(clock);
    final AcmeUrls urls = AcmeLinks.accountUrls(BASE);
    final AcmeLinks links = new AcmeLinks(BASE, "acme");
    final AccountService accountService = new AccountService(accounts, orders, eabKeys, clock);
    final OrderService orderService = new OrderService(orders, certificates, clock);
    final AuthorizationService authzService = new AuthorizationService(orders, clock);
    final CertificateService certificateService = new CertificateService(certificates, orders, revocation, urls, clock);
    final RenewalInfoService renewalInfo = new RenewalInfoService(certificates, revocation, clock);
    AcmeProvisionerSettings settings = AcmeProvisionerSettings.defaults("acme");

    FinalizeService finalizer(dev.stile.acme.port.CaaChecker caa) {
        return new FinalizeService(orders, certificates, issuer, caa, urls, clock);
    }

    /** A request by an unregistered key in jwk mode. */
    VerifiedRequest jwkRequest(PublicJsonWebKey key, String url, String payload) {
        return new VerifiedRequest(Optional.empty(), key, KeyAuthorization.thumbprint(key),
                payload.getBytes(StandardCharsets.UTF_8), url, null);
    }

    /** A request by an account in kid mode. */
    VerifiedRequest kidRequest(Account account, String url, String payload) {
        try {
            PublicJsonWebKey key = PublicJsonWebKey.Factory.newPublicJwk(account.jwkJson());
            return new VerifiedRequest(Optional.of(accounts.findById(account.id()).orElse(account)), key,
                    account.jwkThumbprint(), payload.getBytes(StandardCharsets.UTF_8), url, links.account(account.id()));
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A registered account with a fresh EC key; the key is returned through {@code keyOut} if given. */
    Account newAccount(Consumer<PublicJsonWebKey> keyOut) {
        PublicJsonWebKey key = TestKeys.ec256();
        if (keyOut != null) {
            keyOut.accept(key);
        }
        return accountService.newAccount(settings, jwkRequest(key, links.newAccount(), "{\"termsOfServiceAgreed\":true}")).account();
    }

    Account newAccount() {
        return newAccount(null);
    }

    Order newOrder(Account account, String identifiersJson) {
        return orderService.newOrder(settings, kidRequest(account, links.newOrder(), "{\"identifiers\":" + identifiersJson + "}"));
    }

    /** Validates every authorization of the order through the store's guarded transitions. */
    void validateAll(Order order) {
        for (Authorization a : orders.findAuthorizations(order.authorizationIds())) {
            if (a.status() == Status.VALID) {
                continue;
            }
            Challenge c = a.challenges().get(0);
            assertThat(orders.markChallengeProcessing(c.id(), clock.instant())).isTrue();
            assertThat(orders.recordValidation(c.id(), true, null, List.of(), clock.instant())).isTrue();
        }
    }

    static String dnsIds(String... names) {
        StringBuilder sb = new StringBuilder("[");
        for (String n : names) {
            sb.append(sb.length() > 1 ? "," : "").append("{\"type\":\"").append(n.matches("[0-9.]+") || n.contains(":") ? "ip" : "dns")
                    .append("\",\"value\":\"").append(n).append("\"}");
        }
        return sb.append("]").toString();
    }

    /** Asserts the call throws an AcmeException of this type and returns it. */
    static AcmeException problem(String type, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        AcmeException e = catchThrowableOfType(AcmeException.class, call);
        assertThat(e).as("expected problem " + type).isNotNull();
        assertThat(e.problem().type()).isEqualTo("urn:ietf:params:acme:error:" + type);
        return e;
    }

    static Instant at(String iso) {
        return Instant.parse(iso);
    }

    static String publicJson(PublicJsonWebKey k) {
        return TestJws.publicJson(k);
    }
}
