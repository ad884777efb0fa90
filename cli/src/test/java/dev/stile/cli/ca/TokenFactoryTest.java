package dev.stile.cli.ca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.provisioners.ProvisionerRegistry;
import dev.stile.provisioners.token.Audiences;
import dev.stile.provisioners.token.InMemoryTokenStore;
import dev.stile.provisioners.token.OidcDiscovery;
import dev.stile.provisioners.token.TokenVerifier;
import dev.stile.provisioners.token.VerifiedToken;
import dev.stile.authority.crypto.BouncyCastle;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens minted by the CLI are checked by the provisioners module's verifier (the code the CA
 * runs) and field by field against what the step CLI emits (step-ca-api.md 3.3, 3.5, 3.6).
 */
class TokenFactoryTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.now();
    static final String CA = "https://ca.example.com:9000";
    static final String SHA = "ab".repeat(32);

    static PublicJsonWebKey provisionerKey() throws Exception {
        PublicJsonWebKey k = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        k.setKeyId(k.calculateBase64urlEncodedThumbprint("SHA-256"));
        k.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        k.setUse("sig");
        return k;
    }

    static TokenVerifier verifier(PublicJsonWebKey key) throws Exception {
        JsonNode p = JSON.readTree("{\"type\":\"JWK\",\"name\":\"admin@example.com\",\"key\":"
                + key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "}");
        ProvisionerRegistry registry = ProvisionerRegistry.load(List.of(p), null);
        return new TokenVerifier(() -> registry, new Audiences(List.of("ca.example.com")),
                new InMemoryTokenStore(Clock.systemUTC(), 100), Clock.fixed(NOW, ZoneOffset.UTC),
                NOW.minusSeconds(60), List.of(), List.of(), OidcDiscovery.withDefaults(Clock.systemUTC()));
    }

    static JsonNode part(String jwt, int index) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]));
    }

    @Test
    void signTokenIsAcceptedByTheCaVerifierAndLooksLikeSteps() throws Exception {
        PublicJsonWebKey key = provisionerKey();
        String token = TokenFactory.sign(key, "admin@example.com", "www.example.com",
                List.of("www.example.com", "10.0.0.1"), CA, SHA, NOW, NOW.plusSeconds(300), NOW);

        VerifiedToken verified = verifier(key).authorizeSign(token);
        assertThat(verified.subject()).isEqualTo("www.example.com");
        assertThat(verified.sans()).containsExactly("www.example.com", "10.0.0.1");

        JsonNode header = part(token, 0);
        assertThat(header.get("alg").asText()).isEqualTo("ES256");
        assertThat(header.get("kid").asText()).isEqualTo(key.getKeyId());
        assertThat(header.get("typ").asText()).isEqualTo("JWT");
        JsonNode claims = part(token, 1);
        assertThat(claims.get("iss").asText()).isEqualTo("admin@example.com");
        assertThat(claims.get("aud").isTextual()).as("aud is one string, as step emits it").isTrue();
        assertThat(claims.get("aud").asText()).isEqualTo(CA + "/1.0/sign");
        assertThat(claims.get("jti").asText()).matches("[0-9a-f]{64}");
        assertThat(claims.get("sha").asText()).isEqualTo(SHA);
        assertThat(claims.get("exp").asLong() - claims.get("nbf").asLong()).isEqualTo(300);
        assertThat(claims.get("iat").asLong()).isEqualTo(NOW.getEpochSecond());
    }

    @Test
    void signTokenWithoutSansCarriesTheSubject() throws Exception {
        PublicJsonWebKey key = provisionerKey();
        String token = TokenFactory.sign(key, "admin@example.com", "svc.local", List.of(), CA, SHA, NOW,
                NOW.plusSeconds(300), NOW);
        assertThat(part(token, 1).get("sans").get(0).asText()).isEqualTo("svc.local");
    }

    @Test
    void revokeTokenIsAcceptedForRevokeOnlyAndHasNoSans() throws Exception {
        PublicJsonWebKey key = provisionerKey();
        String token = TokenFactory.revoke(key, "admin@example.com", "123456789", CA, SHA, NOW, NOW.plusSeconds(300), NOW);
        assertThat(part(token, 1).get("aud").asText()).isEqualTo(CA + "/1.0/revoke");
        assertThat(part(token, 1).has("sans")).isFalse();
        assertThat(verifier(key).authorizeRevoke(token).subject()).isEqualTo("123456789");
    }

    @Test
    void renewTokenIsSignedByTheCertificateKeyAndCarriesTheChain() throws Exception {
        KeyPair keys = KeysAndRequests.generate("EC", "P-256", null);
        X509Certificate leaf = selfSigned(keys, "host.example.com");
        String token = TokenFactory.renew(List.of(leaf), keys.getPrivate(), CA, NOW, NOW.plusSeconds(300), NOW);

        JsonNode header = part(token, 0);
        assertThat(header.get("alg").asText()).isEqualTo("ES256");
        assertThat(header.get("typ").asText()).isEqualTo("JWT");
        assertThat(header.get("kid").asText())
                .isEqualTo(PublicJsonWebKey.Factory.newPublicJwk(leaf.getPublicKey()).calculateBase64urlEncodedThumbprint("SHA-256"));
        assertThat(header.get("x5cInsecure").get(0).asText()).isEqualTo(Base64.getEncoder().encodeToString(leaf.getEncoded()));
        JsonNode claims = part(token, 1);
        assertThat(claims.get("iss").asText()).isEqualTo("step-ca-client/1.0");
        assertThat(claims.get("sub").asText()).isEqualTo("host.example.com");
        assertThat(claims.get("aud").asText()).isEqualTo(CA + "/renew");
        assertThat(claims.has("jti")).isFalse();

        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        jws.setKey(leaf.getPublicKey());
        assertThat(jws.verifySignature()).isTrue();
    }

    @Test
    void algorithmFollowsTheKey() {
        assertThat(TokenFactory.algorithm(KeysAndRequests.generate("EC", "P-384", null).getPublic())).isEqualTo("ES384");
        assertThat(TokenFactory.algorithm(KeysAndRequests.generate("RSA", null, 2048).getPublic())).isEqualTo("RS256");
        assertThat(TokenFactory.algorithm(KeysAndRequests.generate("OKP", null, null).getPublic())).isEqualTo("EdDSA");
    }

    static X509Certificate selfSigned(KeyPair keys, String cn) throws Exception {
        X500Name name = new X500Name("CN=" + cn);
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(42), Date.from(NOW.minusSeconds(60)),
                Date.from(NOW.plusSeconds(3600)), name, keys.getPublic());
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BouncyCastle.provider()).build(keys.getPrivate())));
    }
}
