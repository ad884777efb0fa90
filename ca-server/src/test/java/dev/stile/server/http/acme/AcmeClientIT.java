package dev.stile.server.http.acme;

import dev.stile.acme.store.EabKey;
import dev.stile.authority.keys.KeyMaterial;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Metadata;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.RevocationReason;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.challenge.TlsAlpn01Challenge;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.util.KeyPairUtils;

import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** acme4j 4, a real ACME client, against {@code App.start(...)}: every endpoint's happy path and its client errors. */
class AcmeClientIT {

    private static final String D = AcmeTestServer.DOMAIN;

    @TempDir
    static Path dir;
    static AcmeTestServer server;
    static X509Certificate root;

    @BeforeAll
    static void start() throws Exception {
        server = AcmeTestServer.start(dir);
        root = KeyMaterial.readCertificates(server.rootFile()).get(0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static Login newAccount(String provisioner) throws Exception {
        return new AccountBuilder().agreeToTermsOfService().addEmail("ops@" + D)
                .useKeyPair(KeyPairUtils.createECKeyPair("secp256r1")).createLogin(server.session(provisioner));
    }

    private static String problemType(Throwable e) {
        return ((AcmeServerException) e).getType().toString();
    }

    @Test
    void directoryAdvertisesEveryResourceAndTheProfiles() throws Exception {
        Session session = server.session("acme");
        Metadata meta = session.getMetadata();
        assertThat(meta.getProfiles()).containsExactlyInAnyOrder("default", "shortlived");
        assertThat(meta.getProfileDescription("shortlived")).hasValue("6 hour certificates");
        assertThat(meta.isExternalAccountRequired()).isFalse();
        assertThat(server.session("eab").getMetadata().isExternalAccountRequired()).isTrue();
        assertThat(server.session("eab").getMetadata().getTermsOfService()).hasValue(URI.create("https://example.com/tos"));
    }

    @Test
    void accountIsCreatedFoundUpdatedAndDeactivated() throws Exception {
        KeyPair key = KeyPairUtils.createKeyPair(2048);
        Session session = server.session("acme");
        Account created = new AccountBuilder().agreeToTermsOfService().addEmail("a@" + D).useKeyPair(key).create(session);
        assertThat(created.getStatus()).isEqualTo(Status.VALID);
        assertThat(created.getLocation().toString()).startsWith(server.base() + "/acme/acme/account/");

        Account found = new AccountBuilder().onlyExisting().useKeyPair(key).create(server.session("acme"));
        assertThat(found.getLocation()).isEqualTo(created.getLocation());

        found.modify().addContact("mailto:b@" + D).commit();
        found.fetch();
        assertThat(found.getContacts()).containsExactly(URI.create("mailto:a@" + D), URI.create("mailto:b@" + D));

        found.deactivate();
        assertThat(found.getStatus()).isEqualTo(Status.DEACTIVATED);
        assertThatThrownBy(() -> found.newOrder().domain("a." + D).create())
                .satisfies(e -> assertThat(problemType(e)).isEqualTo("urn:ietf:params:acme:error:unauthorized"));
    }

    @Test
    void unknownKeyWithOnlyExistingIsAccountDoesNotExist() {
        assertThatThrownBy(() -> new AccountBuilder().onlyExisting()
                .useKeyPair(KeyPairUtils.createECKeyPair("secp256r1")).create(server.session("acme")))
                .satisfies(e -> assertThat(problemType(e)).isEqualTo("urn:ietf:params:acme:error:accountDoesNotExist"));
    }

    @Test
    void keyChangeMovesTheAccountToTheNewKey() throws Exception {
        Login login = newAccount("acme");
        KeyPair newKey = KeyPairUtils.createECKeyPair("secp384r1");
        login.getAccount().changeKey(newKey);
        Account again = new AccountBuilder().onlyExisting().useKeyPair(newKey).create(server.session("acme"));
        assertThat(again.getLocation()).isEqualTo(login.getAccountLocation());
    }

    @Test
    void keyChangeToAKeyOfAnotherAccountIsAConflictNamingThatAccount() throws Exception {
        KeyPair taken = KeyPairUtils.createECKeyPair("secp256r1");
        Account holder = new AccountBuilder().agreeToTermsOfService().useKeyPair(taken).create(server.session("acme"));
        Login login = newAccount("acme");
        assertThatThrownBy(() -> login.getAccount().changeKey(taken)).isInstanceOf(AcmeServerException.class)
                .hasMessageContaining("another account");
        Account still = new AccountBuilder().onlyExisting().useKeyPair(taken).create(server.session("acme"));
        assertThat(still.getLocation()).isEqualTo(holder.getLocation());
    }

    @Test
    void aCsrWithTheAccountKeyIsBadCsrOverTheWire() throws Exception {
        // Through the real JWS path (the account key comes back from the database as a JWK, whose
        // Java encoding differs from the CSR's): docs/acme.md says this is refused.
        KeyPair accountKey = KeyPairUtils.createECKeyPair("secp256r1");
        Login login = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey)
                .createLogin(server.session("acme"));
        Order order = login.newOrder().domain("h." + D).create();
        for (org.shredzone.acme4j.Authorization authz : order.getAuthorizations()) {
            AcmeFlows.solve(server, authz, org.shredzone.acme4j.challenge.Http01Challenge.TYPE);
        }
        order.waitUntilReady(AcmeFlows.WAIT);

        assertThatThrownBy(() -> order.execute(accountKey))
                .satisfies(e -> assertThat(problemType(e)).isEqualTo("urn:ietf:params:acme:error:badCSR"))
                .hasMessageContaining("account key");
    }

    @Test
    void aProvisionersDenyNetworksRefusesItsChallengesWithTheRuleNamed() throws Exception {
        // The CA allows loopback (the test responders live there); this provisioner refuses it.
        Login login = newAccount("no-loopback");
        Order order = login.newOrder().domain("g." + D).create();
        org.shredzone.acme4j.Authorization authz = order.getAuthorizations().get(0);
        org.shredzone.acme4j.challenge.Challenge challenge = AcmeFlows.prepare(server, authz,
                org.shredzone.acme4j.challenge.Http01Challenge.TYPE);

        challenge.trigger();

        assertThat(challenge.waitForCompletion(AcmeFlows.WAIT)).isEqualTo(org.shredzone.acme4j.Status.INVALID);
        org.shredzone.acme4j.Problem error = challenge.getError().orElseThrow();
        assertThat(error.getType().toString()).isEqualTo("urn:ietf:params:acme:error:connection");
        assertThat(error.getDetail().orElse("")).endsWith("127.0.0.1 is refused by the validation egress policy: "
                + "it is in 127.0.0.0/8, listed in provisioner \"no-loopback\" validation.denyNetworks.");
    }

    @Test
    void deactivatingAnAuthorizationInvalidatesItsOrder() throws Exception {
        Login login = newAccount("acme");
        Order order = login.newOrder().domain("e." + D).create();
        Authorization authz = order.getAuthorizations().get(0);
        authz.deactivate();
        assertThat(authz.getStatus()).isEqualTo(Status.DEACTIVATED);
        order.fetch();
        assertThat(order.getStatus()).isEqualTo(Status.INVALID);
    }

    @Test
    void eabIsRequiredAndBindsOnce() throws Exception {
        KeyPair key = KeyPairUtils.createECKeyPair("secp256r1");
        assertThatThrownBy(() -> new AccountBuilder().agreeToTermsOfService().useKeyPair(key).create(server.session("eab")))
                .satisfies(e -> assertThat(problemType(e)).isEqualTo("urn:ietf:params:acme:error:externalAccountRequired"));

        byte[] hmac = new byte[32];
        new SecureRandom().nextBytes(hmac);
        server.stores().eabKeys().save(new EabKey("kid-1", "eab", hmac, null, Instant.now()));
        Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(key)
                .withKeyIdentifier("kid-1", Base64.getUrlEncoder().withoutPadding().encodeToString(hmac)).create(server.session("eab"));
        assertThat(account.getStatus()).isEqualTo(Status.VALID);

        assertThatThrownBy(() -> new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createECKeyPair("secp256r1"))
                .withKeyIdentifier("kid-1", Base64.getUrlEncoder().withoutPadding().encodeToString(hmac)).create(server.session("eab")))
                .satisfies(e -> assertThat(problemType(e)).isEqualTo("urn:ietf:params:acme:error:unauthorized"));
    }

    @Test
    void dnsWildcardAndIpIdentifiersAreIssuedWithAVerifiableChain() throws Exception {
        Login login = newAccount("acme");
        Order order = login.newOrder().identifiers(List.of(Identifier.dns("www." + D), Identifier.dns("*." + D),
                Identifier.ip("127.0.0.1"))).create();
        assertThat(order.getStatus()).isEqualTo(Status.PENDING);
        assertThat(order.getAuthorizations()).hasSize(3);
        Authorization wildcard = order.getAuthorizations().stream().filter(Authorization::isWildcard).findFirst().orElseThrow();
        assertThat(wildcard.getIdentifier().getDomain()).isEqualTo(D);
        assertThat(wildcard.getChallenges()).extracting(c -> c.getType()).containsExactly(Dns01Challenge.TYPE);

        AcmeFlows.complete(server, order, Http01Challenge.TYPE);

        Certificate cert = order.getCertificate();
        cert.download();
        X509Certificate leaf = cert.getCertificate();
        List<String> sans = new ArrayList<>();
        leaf.getSubjectAlternativeNames().forEach(san -> sans.add(san.get(1).toString()));
        assertThat(sans).containsExactlyInAnyOrder("www." + D, "*." + D, "127.0.0.1");
        assertThat(cert.getCertificateChain()).hasSize(2);
        AcmeFlows.assertChainVerifies(cert.getCertificateChain(), root);
        assertThat(Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()))
                .isBetween(Duration.ofHours(24), Duration.ofHours(24).plusMinutes(2));
    }

    @Test
    void dns01AloneIssues() throws Exception {
        Login login = newAccount("acme");
        Order order = login.newOrder().domain("api." + D).create();
        AcmeFlows.complete(server, order, Dns01Challenge.TYPE);
        order.getCertificate().download();
        AcmeFlows.assertChainVerifies(order.getCertificate().getCertificateChain(), root);
    }

    @Test
    void tlsAlpn01IsTheOnlyChallengeOfATlsOnlyProvisioner() throws Exception {
        Login login = newAccount("tls-only");
        Order order = login.newOrder().domain("c." + D).create();
        Authorization authz = order.getAuthorizations().get(0);
        assertThat(authz.getChallenges()).extracting(c -> c.getType()).containsExactly(TlsAlpn01Challenge.TYPE);
        AcmeFlows.complete(server, order, TlsAlpn01Challenge.TYPE);
        order.getCertificate().download();
        AcmeFlows.assertChainVerifies(order.getCertificate().getCertificateChain(), root);
    }

    @Test
    void preAuthorizationIsReusedByTheNextOrder() throws Exception {
        Login login = newAccount("acme");
        Authorization authz = login.getAccount().preAuthorizeDomain("d." + D);
        assertThat(authz.getStatus()).isEqualTo(Status.PENDING);
        AcmeFlows.solve(server, authz, Http01Challenge.TYPE);
        Order order = login.newOrder().domain("d." + D).create();
        assertThat(order.getAuthorizations().get(0).getLocation()).isEqualTo(authz.getLocation());
        assertThat(order.waitUntilReady(AcmeFlows.WAIT)).isEqualTo(Status.READY);
    }

    @Test
    void ordersOfTheAccountAreListed() throws Exception {
        Login login = newAccount("acme");
        Order first = login.newOrder().domain("e." + D).create();
        Order second = login.newOrder().domain("f." + D).create();
        List<java.net.URL> listed = new ArrayList<>();
        for (Iterator<Order> it = login.getAccount().getOrders(); it.hasNext(); ) {
            listed.add(it.next().getLocation());
        }
        assertThat(listed).containsExactly(second.getLocation(), first.getLocation());
    }

    @Test
    void profileSetsTheLifetime() throws Exception {
        Login login = newAccount("acme");
        Order order = login.newOrder().domain("g." + D).profile("shortlived").create();
        assertThat(order.getProfile()).isEqualTo("shortlived");
        AcmeFlows.complete(server, order, Http01Challenge.TYPE);
        order.getCertificate().download();
        X509Certificate leaf = order.getCertificate().getCertificate();
        assertThat(Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()))
                .isBetween(Duration.ofHours(6), Duration.ofHours(6).plusMinutes(2));
        // The order's profile is kept with the certificate and labels the issuance metric.
        String serial = leaf.getSerialNumber().toString(16);
        assertThat(new dev.stile.db.certificates.JdbcCertificateStore(server.app().database()).findBySerial(serial))
                .hasValueSatisfying(c -> assertThat(c.profile()).isEqualTo("shortlived"));
        assertThat(new dev.stile.db.inventory.JdbcCertificateInventory(server.app().database()).find(serial))
                .hasValueSatisfying(e -> assertThat(e.certificate().profile()).isEqualTo("shortlived"));
        assertThat(server.app().ops().metrics().scrape()).containsPattern(
                "stile_certificates_issued_total\\{key_type=\"[^\"]+\",profile=\"shortlived\",provisioner=\"acme\"} 1\\.0");
    }

    @Test
    void renewalInfoSuggestsAWindowAndReplacesIsAccepted() throws Exception {
        Login login = newAccount("acme");
        Order order = login.newOrder().domain("h." + D).create();
        AcmeFlows.complete(server, order, Http01Challenge.TYPE);
        Certificate cert = order.getCertificate();
        cert.download();
        assertThat(cert.hasRenewalInfo()).isTrue();
        RenewalInfo info = cert.getRenewalInfo();
        info.fetch();
        X509Certificate leaf = cert.getCertificate();
        assertThat(info.getSuggestedWindowStart()).isAfter(leaf.getNotBefore().toInstant());
        assertThat(info.getSuggestedWindowEnd()).isBefore(leaf.getNotAfter().toInstant());

        Order renewal = login.newOrder().domain("h." + D).replaces(cert).create();
        assertThat(renewal.getJSON().get("replaces").asString())
                .isEqualTo(dev.stile.acme.service.AriCertId.of(cert.getCertificate()));
        AcmeFlows.complete(server, renewal, Http01Challenge.TYPE);
        assertThatThrownBy(() -> login.newOrder().domain("h." + D).replaces(cert).create())
                .satisfies(e -> assertThat(problemType(e)).isEqualTo("urn:ietf:params:acme:error:alreadyReplaced"));
    }

    @Test
    void revocationByTheAccountMakesRenewalDueAndCannotBeRepeated() throws Exception {
        Login login = newAccount("acme");
        Order order = login.newOrder().domain("a." + D).create();
        AcmeFlows.complete(server, order, Http01Challenge.TYPE);
        Certificate cert = order.getCertificate();
        cert.download();
        cert.revoke(RevocationReason.SUPERSEDED);
        String reason = server.app().database().withConnection(c -> {
            try (var ps = c.prepareStatement("SELECT revocation_reason FROM certificates WHERE serial = ?")) {
                ps.setString(1, cert.getCertificate().getSerialNumber().toString(16));
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        assertThat(reason).as("RFC 5280 reason code of superseded").isEqualTo("4");
        // One revocation path for ACME and step's /revoke: the CRL lists it at once.
        assertThat(server.crl().getRevokedCertificate(cert.getCertificate().getSerialNumber())).isNotNull();
        RenewalInfo info = cert.getRenewalInfo();
        info.fetch();
        assertThat(info.getSuggestedWindowStart()).isBefore(Instant.now());
        assertThatThrownBy(() -> cert.revoke())
                .satisfies(e -> assertThat(problemType(e)).isEqualTo("urn:ietf:params:acme:error:alreadyRevoked"));
    }

    @Test
    void revocationSignedByTheCertificateKey() throws Exception {
        Login login = newAccount("acme");
        Order order = login.newOrder().domain("b." + D).create();
        KeyPair domainKey = AcmeFlows.complete(server, order, Http01Challenge.TYPE);
        order.getCertificate().download();
        X509Certificate leaf = order.getCertificate().getCertificate();
        assertThatThrownBy(() -> Certificate.revoke(server.session("acme"), KeyPairUtils.createECKeyPair("secp256r1"),
                leaf, RevocationReason.KEY_COMPROMISE))
                .satisfies(e -> assertThat(problemType(e)).isEqualTo("urn:ietf:params:acme:error:unauthorized"));
        Certificate.revoke(server.session("acme"), domainKey, leaf, RevocationReason.KEY_COMPROMISE);
    }

    @Test
    void failedValidationNamesTheRealCause() throws Exception {
        Login login = newAccount("acme");
        Order order = login.newOrder().domain("missing." + D).create();
        Authorization authz = order.getAuthorizations().get(0);
        Http01Challenge challenge = (Http01Challenge) AcmeFlows.prepare(server, authz, Http01Challenge.TYPE);
        challenge.trigger();
        assertThat(challenge.waitForCompletion(AcmeFlows.WAIT)).isEqualTo(Status.INVALID);
        String detail = challenge.getError().orElseThrow().getDetail().orElseThrow();
        assertThat(detail).contains("missing." + D);
        assertThat(challenge.getError().orElseThrow().getType().toString()).isEqualTo("urn:ietf:params:acme:error:dns");
        authz.fetch();
        assertThat(authz.getStatus()).isEqualTo(Status.INVALID);
        order.fetch();
        assertThat(order.getStatus()).isEqualTo(Status.INVALID);
    }

    @Test
    void orderForAnUnacceptableNameIsRejectedIdentifier() throws Exception {
        Login login = newAccount("acme");
        assertThatThrownBy(() -> login.newOrder().domain("bad_name!." + D).create())
                .satisfies(e -> assertThat(problemType(e)).isIn("urn:ietf:params:acme:error:rejectedIdentifier",
                        "urn:ietf:params:acme:error:malformed"));
    }
}
