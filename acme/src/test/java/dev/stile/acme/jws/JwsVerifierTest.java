package dev.stile.acme.jws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.authority.crypto.BouncyCastle;
import dev.stile.acme.model.Account;
import dev.stile.acme.model.KeyAuthorization;
import dev.stile.acme.model.Status;
import dev.stile.acme.nonce.NonceService;
import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.store.fake.InMemoryAccountStore;
import dev.stile.acme.store.fake.InMemoryNonceStore;
import dev.stile.acme.testing.MutableClock;
import dev.stile.acme.testing.TestJws;
import dev.stile.acme.testing.TestKeys;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JwsVerifierTest {

    static final String URL = "https://ca.test/acme/acme/new-order";
    static final String PREFIX = "https://ca.test/acme/acme/account/";
    static final PublicJsonWebKey EC = TestKeys.ec256();
    static final PublicJsonWebKey OTHER_EC = TestKeys.ec256();
    static final PublicJsonWebKey EC384 = TestKeys.ec(EllipticCurves.P384);
    static final PublicJsonWebKey EC521 = TestKeys.ec(EllipticCurves.P521);
    static final PublicJsonWebKey RSA = TestKeys.rsa(2048);
    static final PublicJsonWebKey RSA1024 = TestKeys.rsa(1024);
    static final PublicJsonWebKey ED = TestKeys.ed25519();

    /** Per-case fixture: a fresh nonce service, one valid and one deactivated account. */
    static final class Fixture {
        final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        final InMemoryNonceStore nonceStore = new InMemoryNonceStore();
        final NonceService nonces = new NonceService(nonceStore, clock);
        final InMemoryAccountStore accounts = new InMemoryAccountStore();
        final JwsVerifier verifier = new JwsVerifier(nonces, accounts);

        Fixture() {
            accounts.create(account("acc1", EC, Status.VALID));
            accounts.create(account("gone", OTHER_EC, Status.DEACTIVATED));
        }

        static Account account(String id, PublicJsonWebKey key, Status status) {
            return new Account(id, "acme", KeyAuthorization.thumbprint(key), TestJws.publicJson(key), List.of(),
                    status, null, Instant.EPOCH);
        }

        TestJws jwk(PublicJsonWebKey key) {
            return TestJws.signedBy(key).url(URL).nonce(nonces.issue()).payload("{}");
        }

        TestJws kid(PublicJsonWebKey key, String id) {
            return jwk(key).kid(PREFIX + id);
        }

        JwsRequest reusedNonce() {
            byte[] body = jwk(EC).body();
            verifier.verify(req(body), AuthMode.JWK);
            return req(body);
        }

        JwsRequest expiredNonce() {
            byte[] body = jwk(EC).body();
            clock.advance(NonceService.DEFAULT_LIFETIME.plusSeconds(1));
            return req(body);
        }

        JwsRequest req(byte[] body) {
            return new JwsRequest("application/jose+json", body, URL, "acme", PREFIX);
        }
    }

    record Case(AuthMode mode, Function<Fixture, JwsRequest> request, String problem) {
    }

    static Arguments c(String name, AuthMode mode, Function<Fixture, JwsRequest> request, String problem) {
        return Arguments.of(Named.of(name, new Case(mode, request, problem)));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                c("ok/jwk-es256", AuthMode.JWK, f -> f.req(f.jwk(EC).body()), null),
                c("ok/jwk-es384", AuthMode.JWK, f -> f.req(f.jwk(EC384).body()), null),
                c("ok/jwk-es512", AuthMode.JWK, f -> f.req(f.jwk(EC521).body()), null),
                c("ok/jwk-rs256", AuthMode.JWK, f -> f.req(f.jwk(RSA).body()), null),
                c("ok/jwk-ps256", AuthMode.JWK, f -> f.req(f.jwk(RSA).alg("PS256").body()), null),
                c("ok/jwk-eddsa", AuthMode.JWK, f -> f.req(f.jwk(ED).body()), null),
                c("ok/kid", AuthMode.KID, f -> f.req(f.kid(EC, "acc1").body()), null),
                c("ok/kid-or-jwk-with-kid", AuthMode.KID_OR_JWK, f -> f.req(f.kid(EC, "acc1").body()), null),
                c("ok/kid-or-jwk-with-jwk", AuthMode.KID_OR_JWK, f -> f.req(f.jwk(OTHER_EC).body()), null),
                c("ok/post-as-get", AuthMode.KID, f -> f.req(f.kid(EC, "acc1").payload("").body()), null),
                c("ok/general-form-one-signature", AuthMode.JWK, f -> f.req(general(f.jwk(EC).node(), 1)), null),
                c("ok/content-type-with-charset", AuthMode.JWK, f -> new JwsRequest("application/jose+json; charset=utf-8",
                        f.jwk(EC).body(), URL, "acme", PREFIX), null),
                c("fail/content-type", AuthMode.JWK, f -> new JwsRequest("application/json", f.jwk(EC).body(), URL, "acme", PREFIX), "malformed"),
                c("fail/oversize", AuthMode.JWK, f -> f.req(f.jwk(EC).payload("{\"x\":\"" + "a".repeat(70_000) + "\"}").body()), "malformed"),
                c("fail/crit-header", AuthMode.JWK, f -> f.req(f.jwk(EC).header("crit", java.util.List.of("exp")).header("exp", 1).body()), "malformed"),
                c("fail/not-json", AuthMode.JWK, f -> f.req("hello".getBytes(StandardCharsets.UTF_8)), "malformed"),
                c("fail/general-form-two-signatures", AuthMode.JWK, f -> f.req(general(f.jwk(EC).node(), 2)), "malformed"),
                c("fail/unprotected-header", AuthMode.JWK, f -> f.req(withUnprotected(f.jwk(EC).node())), "malformed"),
                c("fail/bad-nonce-unknown", AuthMode.JWK, f -> f.req(f.jwk(EC).nonce("never-issued").body()), "badNonce"),
                c("fail/bad-nonce-missing", AuthMode.JWK, f -> f.req(TestJws.signedBy(EC).url(URL).payload("{}").body()), "badNonce"),
                c("fail/bad-nonce-reused", AuthMode.JWK, Fixture::reusedNonce, "badNonce"),
                c("fail/bad-nonce-expired", AuthMode.JWK, Fixture::expiredNonce, "badNonce"),
                c("fail/wrong-url", AuthMode.JWK, f -> f.req(f.jwk(EC).url("https://ca.test/acme/acme/new-account").body()), "unauthorized"),
                c("fail/missing-url", AuthMode.JWK, f -> f.req(TestJws.signedBy(EC).nonce(f.nonces.issue()).payload("{}").body()), "unauthorized"),
                c("fail/kid-and-jwk", AuthMode.KID_OR_JWK, f -> f.req(f.jwk(EC).kidAndJwk(PREFIX + "acc1").body()), "malformed"),
                c("fail/jwk-where-kid-required", AuthMode.KID, f -> f.req(f.jwk(EC).body()), "malformed"),
                c("fail/kid-where-jwk-required", AuthMode.JWK, f -> f.req(f.kid(EC, "acc1").body()), "malformed"),
                c("fail/unknown-alg-hs256", AuthMode.JWK, f -> f.req(f.jwk(EC).alg("HS256").body()), "badSignatureAlgorithm"),
                c("fail/unknown-alg-rs384", AuthMode.JWK, f -> f.req(f.jwk(RSA).alg("RS384").body()), "badSignatureAlgorithm"),
                c("fail/alg-none", AuthMode.JWK, f -> f.req(f.jwk(EC).alg("none").body()), "badSignatureAlgorithm"),
                c("fail/alg-does-not-fit-key", AuthMode.JWK, f -> f.req(f.jwk(EC384).alg("ES256").body()), "badPublicKey"),
                c("fail/rsa-1024", AuthMode.JWK, f -> f.req(f.jwk(RSA1024).body()), "badPublicKey"),
                c("fail/bad-signature", AuthMode.JWK, f -> f.req(f.jwk(EC).jwk(OTHER_EC).body()), "malformed"),
                c("fail/kid-signed-by-other-key", AuthMode.KID, f -> f.req(f.kid(OTHER_EC, "acc1").body()), "malformed"),
                c("fail/unknown-account", AuthMode.KID, f -> f.req(f.kid(EC, "nobody").body()), "accountDoesNotExist"),
                c("fail/kid-of-other-server", AuthMode.KID, f -> f.req(f.jwk(EC).kid("https://evil.test/acct/acc1").body()), "accountDoesNotExist"),
                c("fail/deactivated-account", AuthMode.KID, f -> f.req(f.kid(OTHER_EC, "gone").body()), "unauthorized"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verify(Case tc) {
        Fixture f = new Fixture();
        JwsRequest request = tc.request.apply(f);
        if (tc.problem == null) {
            VerifiedRequest v = f.verifier.verify(request, tc.mode);
            assertThat(v.url()).isEqualTo(URL);
            assertThat(v.thumbprint()).isEqualTo(KeyAuthorization.thumbprint(v.jwk()));
        } else {
            AcmeException e = catchThrowableOfType(AcmeException.class, () -> f.verifier.verify(request, tc.mode));
            assertThat(e).as("expected " + tc.problem).isNotNull();
            assertThat(e.problem().type()).isEqualTo("urn:ietf:params:acme:error:" + tc.problem);
        }
    }

    @Test
    void payloadAndAccountAreReturned() {
        Fixture f = new Fixture();
        VerifiedRequest v = f.verifier.verify(f.req(f.kid(EC, "acc1").payload("{\"a\":1}").body()), AuthMode.KID);
        assertThat(new String(v.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(v.account()).get().extracting(Account::id).isEqualTo("acc1");
        assertThat(v.kid()).isEqualTo(PREFIX + "acc1");
        assertThat(v.isPostAsGet()).isFalse();
    }

    @Test
    void nonceIsAcceptedOnceAndAFreshOneIsNeverRejected() {
        Fixture f = new Fixture();
        for (int i = 0; i < 200; i++) {
            f.nonces.issue();
        }
        byte[] body = f.jwk(EC).body();
        f.verifier.verify(f.req(body), AuthMode.JWK);
        assertThatThrownBy(() -> f.verifier.verify(f.req(body), AuthMode.JWK))
                .isInstanceOf(AcmeException.class).hasMessageContaining("nonce");
    }

    @Test
    void signatureChecksUseTheConfiguredProvider() {
        Fixture f = new Fixture();
        assertThat(f.verifier.providerName()).isEqualTo("BC");
        assertThat(java.security.Security.getProvider(BouncyCastle.NAME)).isNotNull();
        // The provider name really reaches jose4j: an unregistered one makes the check fail,
        // SunEC (a different real provider) works, so "BC" is what verifies in production.
        JwsVerifier broken = new JwsVerifier(f.nonces, f.accounts, JwsVerifier.DEFAULT_MAX_BODY, "NoSuchProvider");
        assertThatThrownBy(() -> broken.verify(f.req(f.jwk(EC).body()), AuthMode.JWK))
                .isInstanceOf(AcmeException.class).hasMessageContaining("NoSuchProvider");
        JwsVerifier sun = new JwsVerifier(f.nonces, f.accounts, JwsVerifier.DEFAULT_MAX_BODY, "SunEC");
        assertThat(sun.verify(f.req(f.jwk(EC).body()), AuthMode.JWK).url()).isEqualTo(URL);
    }

    @Test
    void accountKeysOfEveryTypeVerifyAgainAndAKeyChangeTakesEffectAtOnce() {
        Fixture f = new Fixture();
        f.accounts.create(Fixture.account("rsa", RSA, Status.VALID));
        f.accounts.create(Fixture.account("ed", ED, Status.VALID));
        for (int i = 0; i < 2; i++) { // the second round uses the cached keys
            assertThat(f.verifier.verify(f.req(f.kid(EC, "acc1").body()), AuthMode.KID).kid()).endsWith("acc1");
            assertThat(f.verifier.verify(f.req(f.kid(RSA, "rsa").body()), AuthMode.KID).kid()).endsWith("rsa");
            assertThat(f.verifier.verify(f.req(f.kid(ED, "ed").body()), AuthMode.KID).kid()).endsWith("ed");
        }
        PublicJsonWebKey rolled = TestKeys.ec256();
        assertThat(f.accounts.changeKey("acc1", KeyAuthorization.thumbprint(EC), KeyAuthorization.thumbprint(rolled),
                TestJws.publicJson(rolled))).isTrue();
        assertThatThrownBy(() -> f.verifier.verify(f.req(f.kid(EC, "acc1").body()), AuthMode.KID))
                .isInstanceOf(AcmeException.class).hasMessageContaining("does not verify");
        assertThat(f.verifier.verify(f.req(f.kid(rolled, "acc1").body()), AuthMode.KID).kid()).endsWith("acc1");
    }

    @Test
    void theAccountKeyCacheIsBounded() {
        AccountKeys keys = new AccountKeys(BouncyCastle.NAME);
        for (int i = 0; i < AccountKeys.CAPACITY + 10; i++) {
            PublicJsonWebKey parsed = keys.keyOf(Fixture.account("a" + i, EC, Status.VALID));
            assertThat(parsed.getPublicKey().getClass().getName()).startsWith("org.bouncycastle.");
        }
        assertThat(keys.size()).isEqualTo(AccountKeys.CAPACITY);
    }

    static byte[] general(ObjectNode flat, int signatures) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode g = m.createObjectNode();
        g.put("payload", flat.get("payload").asText());
        var arr = g.putArray("signatures");
        for (int i = 0; i < signatures; i++) {
            ObjectNode s = arr.addObject();
            s.put("protected", flat.get("protected").asText());
            s.put("signature", flat.get("signature").asText());
        }
        return g.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] withUnprotected(ObjectNode flat) {
        flat.putObject("header").put("kid", "x");
        return flat.toString().getBytes(StandardCharsets.UTF_8);
    }
}
