package dev.stile.provisioners.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.provisioners.AuthorizationException;
import dev.stile.provisioners.ProvisionerRegistry;
import dev.stile.provisioners.StepTokens;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwkTokenTest {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static final String AUD = "https://ca.example.com:9000/1.0/sign";

    final PublicJsonWebKey key = StepTokens.provisionerKey();
    final PublicJsonWebKey otherKey = StepTokens.provisionerKey();
    final InMemoryTokenStore store = new InMemoryTokenStore(Clock.fixed(NOW, ZoneOffset.UTC), 1000);

    ProvisionerRegistry registry() throws Exception {
        JsonNode p = new ObjectMapper().readTree("{\"type\":\"JWK\",\"name\":\"admin@example.com\",\"key\":"
                + StepTokens.publicJson(key) + "}");
        JsonNode acme = new ObjectMapper().readTree("{\"type\":\"ACME\",\"name\":\"acme\"}");
        return ProvisionerRegistry.load(List.of(p, acme), null);
    }

    TokenVerifier verifier(Instant now) throws Exception {
        ProvisionerRegistry reg = registry();
        return new TokenVerifier(() -> reg, new Audiences(List.of("ca.example.com", "127.0.0.1", "::1")), store,
                Clock.fixed(now, ZoneOffset.UTC), NOW.minusSeconds(600), List.of(), List.of(),
                OidcDiscovery.withDefaults(Clock.systemUTC()));
    }

    String token(String aud) {
        return StepTokens.jwk(key, "admin@example.com", "www.example.com", aud, List.of("www.example.com", "10.0.0.1"), NOW);
    }

    static String reason(Runnable r) {
        try {
            r.run();
        } catch (AuthorizationException e) {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.stepMessage()).startsWith("The request lacked necessary authorization to be completed");
            return e.reason();
        }
        throw new AssertionError("expected an AuthorizationException");
    }

    @Test
    void acceptsAStepCliTokenAndReturnsItsNames() throws Exception {
        VerifiedToken t = verifier(NOW).authorizeSign(token(AUD));
        assertThat(t.provisioner().name()).isEqualTo("admin@example.com");
        assertThat(t.subject()).isEqualTo("www.example.com");
        assertThat(t.sans()).containsExactly("www.example.com", "10.0.0.1");
        assertThat(t.tokenId()).hasSize(64);
        assertThat(t.names()).isEqualTo(VerifiedToken.NameSource.TOKEN);
    }

    @Test
    void acceptsUnprefixedIpv6AndLegacyAudiences() throws Exception {
        TokenVerifier v = verifier(NOW);
        v.authorizeSign(token("https://ca.example.com/sign"));
        v.authorizeSign(token("https://[::1]:8443/1.0/sign"));
        v.authorizeSign(token("https://127.0.0.1/1.0/sign"));
        v.authorizeSign(token("step-certificate-authority"));
    }

    @Test
    void sansDefaultToSubject() throws Exception {
        String t = StepTokens.jwk(key, "admin@example.com", "svc.local", AUD, null, NOW);
        assertThat(verifier(NOW).authorizeSign(t).sans()).containsExactly("svc.local");
    }

    @Test
    void refusesAReplayedToken() throws Exception {
        TokenVerifier v = verifier(NOW);
        String t = token(AUD);
        v.authorizeSign(t);
        assertThat(reason(() -> v.authorizeSign(t))).contains("token already used");
    }

    @Test
    void aForgedTokenDoesNotBurnTheRealTokensId() throws Exception {
        TokenVerifier v = verifier(NOW);
        var claims = StepTokens.claims("admin@example.com", "www.example.com", AUD, List.of("www.example.com"), NOW);
        String jti = claims.getJwtId();
        String forged = StepTokens.sign(claims, otherKey.getPrivateKey(), key.getKeyId(), Map.of(), c -> { });
        assertThat(reason(() -> v.authorizeSign(forged))).contains("signature does not verify");
        var real = StepTokens.claims("admin@example.com", "www.example.com", AUD, List.of("www.example.com"), NOW);
        real.setJwtId(jti);
        v.authorizeSign(StepTokens.sign(real, key.getPrivateKey(), key.getKeyId(), Map.of(), c -> { }));
    }

    @Test
    void wrongAudienceNamesTheAudienceAndTheCaNames() throws Exception {
        String r = reason(() -> {
            try {
                verifier(NOW).authorizeSign(token("https://step.other.svc/1.0/sign"));
            } catch (AuthorizationException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(r).contains("token audience https://step.other.svc/1.0/sign is not one of this CA's sign audiences")
                .contains("dnsNames [ca.example.com, 127.0.0.1, ::1]");
    }

    @Test
    void aRevokeTokenIsNotASignToken() throws Exception {
        TokenVerifier v = verifier(NOW);
        assertThat(reason(() -> v.authorizeSign(token("https://ca.example.com/1.0/revoke"))))
                .contains("is not one of this CA's sign audiences");
    }

    @Test
    void expiredAndNotYetValidTokens() throws Exception {
        assertThat(reason(() -> call(() -> verifier(NOW.plusSeconds(300 + 61)).authorizeSign(token(AUD)))))
                .contains("token expired at 2026-11-27T12:05:00Z");
        verifier(NOW.plusSeconds(300 + 59)).authorizeSign(token(AUD));
        String future = StepTokens.sign(StepTokens.claims("admin@example.com", "a", AUD, List.of("a"), NOW),
                key.getPrivateKey(), key.getKeyId(), Map.of(),
                c -> c.setNotBefore(NumericDate.fromSeconds(NOW.getEpochSecond() + 120)));
        assertThat(reason(() -> call(() -> verifier(NOW).authorizeSign(future)))).contains("token is not valid yet");
    }

    @Test
    void tokensIssuedBeforeTheCaStartedAreRefused() throws Exception {
        String old = StepTokens.sign(StepTokens.claims("admin@example.com", "a", AUD, List.of("a"), NOW),
                key.getPrivateKey(), key.getKeyId(), Map.of(),
                c -> c.setIssuedAt(NumericDate.fromSeconds(NOW.getEpochSecond() - 3600)));
        assertThat(reason(() -> call(() -> verifier(NOW).authorizeSign(old))))
                .contains("token issued before the bootstrap of certificate authority");
    }

    @Test
    void aKeyThatDoesNotMatchTheKidIsRefused() throws Exception {
        String t = StepTokens.sign(StepTokens.claims("admin@example.com", "a", AUD, List.of("a"), NOW),
                otherKey.getPrivateKey(), key.getKeyId(), Map.of(), c -> { });
        assertThat(reason(() -> call(() -> verifier(NOW).authorizeSign(t))))
                .contains("token signature does not verify with JWK provisioner \"admin@example.com\"")
                .doesNotContain(t.substring(t.lastIndexOf('.') + 1));
    }

    @Test
    void unknownKidAndUnknownIssuerAreToldApart() throws Exception {
        String otherKid = StepTokens.jwk(otherKey, "admin@example.com", "a", AUD, List.of("a"), NOW);
        assertThat(reason(() -> call(() -> verifier(NOW).authorizeSign(otherKid))))
                .contains("has key kid \"" + key.getKeyId() + "\" but the token header names kid \"" + otherKey.getKeyId());
        String unknown = StepTokens.jwk(key, "k8s", "a", AUD, List.of("a"), NOW);
        assertThat(reason(() -> call(() -> verifier(NOW).authorizeSign(unknown))))
                .contains("no JWK provisioner named \"k8s\" with kid \"" + key.getKeyId() + "\"");
        String acme = StepTokens.jwk(key, "acme", "a", AUD, List.of("a"), NOW);
        assertThat(reason(() -> call(() -> verifier(NOW).authorizeSign(acme)))).contains("is ACME, not JWK");
    }

    @Test
    void emptySubjectAndGarbageAreRefused() throws Exception {
        String noSub = StepTokens.jwk(key, "admin@example.com", "", AUD, List.of("a"), NOW);
        assertThat(reason(() -> call(() -> verifier(NOW).authorizeSign(noSub)))).contains("empty sub");
        assertThat(reason(() -> call(() -> verifier(NOW).authorizeSign("not.a.jwt")))).contains("not a valid JWT");
    }

    @Test
    void revokeTokensCarryTheSerialAsSubject() throws Exception {
        String t = StepTokens.jwk(key, "admin@example.com", "308893286343609293989051180431574390766",
                "https://ca.example.com/1.0/revoke", null, NOW);
        VerifiedToken v = verifier(NOW).authorizeRevoke(t);
        assertThat(v.subject()).isEqualTo("308893286343609293989051180431574390766");
        assertThat(v.sans()).isEmpty();
    }

    @Test
    void cnfIsExposed() throws Exception {
        String t = StepTokens.sign(StepTokens.claims("admin@example.com", "a", AUD, List.of("a"), NOW),
                key.getPrivateKey(), key.getKeyId(), Map.of(),
                c -> c.setClaim("cnf", Map.of("x5rt#S256", "abc")));
        assertThat(verifier(NOW).authorizeSign(t).csrHash()).contains("abc");
    }

    interface Call {
        void run() throws Exception;
    }

    static void call(Call c) {
        try {
            c.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String tokenWith(java.util.function.Consumer<org.jose4j.jwt.JwtClaims> edit) {
        return StepTokens.sign(StepTokens.claims("admin@example.com", "www.example.com", AUD,
                List.of("www.example.com"), NOW), key.getPrivateKey(), key.getKeyId(), Map.of(), edit);
    }

    @Test
    void anAbsurdTimeClaimIsABadRequestNotAFailure() throws Exception {
        TokenVerifier v = verifier(NOW);
        for (String claim : List.of("exp", "nbf", "iat")) {
            String t = tokenWith(c -> c.setClaim(claim, 1e300));
            assertThatThrownBy(() -> v.authorizeSign(t)).isInstanceOfSatisfying(AuthorizationException.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.getMessage()).isEqualTo("token claim " + claim + " is not a time between 1970 and 9999");
            });
        }
        String negative = tokenWith(c -> c.setClaim("exp", -5));
        assertThatThrownBy(() -> v.authorizeSign(negative)).isInstanceOfSatisfying(AuthorizationException.class,
                e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void aTokenWithoutExpIsRefused() throws Exception {
        String t = tokenWith(c -> c.unsetClaim("exp"));
        TokenVerifier v = verifier(NOW);

        assertThat(reason(() -> v.authorizeSign(t))).isEqualTo("token has no exp claim");
    }

    @Test
    void aUsedTokenIsRememberedUntilItsOwnExpiryPlusTheLeeway() throws Exception {
        Instant exp = NOW.plus(java.time.Duration.ofDays(3));
        String t = tokenWith(c -> c.setExpirationTime(NumericDate.fromSeconds(exp.getEpochSecond())));
        Map<String, Instant> remembered = new java.util.HashMap<>();
        ProvisionerRegistry reg = registry();
        TokenVerifier v = new TokenVerifier(() -> reg, new Audiences(List.of("ca.example.com")),
                (id, until) -> remembered.putIfAbsent(id, until) == null, Clock.fixed(NOW, ZoneOffset.UTC),
                NOW.minusSeconds(600), List.of(), List.of(), OidcDiscovery.withDefaults(Clock.systemUTC()));

        v.authorizeSign(t);

        assertThat(remembered.values()).containsExactly(exp.plusSeconds(60));
    }
}
