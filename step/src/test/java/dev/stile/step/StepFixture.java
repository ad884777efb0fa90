package dev.stile.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.authority.Authority;
import dev.stile.authority.CertificateExtensions;
import dev.stile.authority.inventory.InMemoryCertificateStore;
import dev.stile.authority.keys.KeyType;
import dev.stile.authority.init.PkiGenerator;
import dev.stile.provisioners.ProvisionerRegistry;
import dev.stile.provisioners.token.Audiences;
import dev.stile.provisioners.token.OidcDiscovery;
import dev.stile.provisioners.token.TokenVerifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A step-ca role on fakes: a generated PKI, the real {@link Authority} over an in-memory inventory,
 * in-memory revocations and used tokens, one JWK provisioner (with an encrypted key) and one ACME
 * provisioner, and tokens minted the way the step CLI mints them (reference 3.3).
 */
final class StepFixture {

    static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");
    static final String CA_NAME = "ca.example.com";
    static final String PROVISIONER = "admin@example.com";
    /** A compact JWE's shape (5 base64url parts); the key is never decrypted here. */
    static final String ENCRYPTED_KEY = "eyJhbGciOiJQQkVTMi1IUzI1NitBMTI4S1ciLCJlbmMiOiJBMjU2R0NNIn0"
            + ".dGVzdC1jZWs.dGVzdC1pdg.dGVzdC1jaXBoZXJ0ZXh0.dGVzdC10YWc";
    static final Duration BACKDATE = Duration.ofMinutes(1);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final PkiGenerator.Pki PKI =
            new PkiGenerator(Clock.fixed(NOW.minus(Duration.ofDays(1)), ZoneOffset.UTC)).generate("Step Test", KeyType.EC_P256);

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final InMemoryCertificateStore inventory = new InMemoryCertificateStore();
    final InMemoryRevocations revocations = new InMemoryRevocations(inventory);
    final InMemoryUsedTokens usedTokens = new InMemoryUsedTokens(1000);
    final PublicJsonWebKey provisionerKey = provisionerKey();
    final ProvisionerRegistry registry;
    final Authority authority;
    final TokenVerifier tokens;
    final AtomicInteger revokedCallbacks = new AtomicInteger();

    StepFixture() {
        try {
            ObjectMapper json = new ObjectMapper();
            // The key's members in the order step ca init writes them (reference 4.2).
            var k = provisionerKey.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            String key = String.format("{\"use\":\"sig\",\"kty\":\"EC\",\"kid\":\"%s\",\"crv\":\"P-256\","
                    + "\"alg\":\"ES256\",\"x\":\"%s\",\"y\":\"%s\"}", provisionerKey.getKeyId(), k.get("x"), k.get("y"));
            JsonNode jwk = json.readTree("{\"type\":\"JWK\",\"name\":\"" + PROVISIONER + "\",\"key\":" + key
                    + ",\"encryptedKey\":\"" + ENCRYPTED_KEY + "\"}");
            JsonNode acme = json.readTree("{\"type\":\"ACME\",\"name\":\"acme\"}");
            registry = ProvisionerRegistry.load(List.of(jwk, acme), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        authority = new Authority(List.of(PKI.root()), List.of(PKI.intermediate()), PKI.intermediateKey(), inventory,
                clock);
        tokens = new TokenVerifier(() -> registry, new Audiences(List.of(CA_NAME)), usedTokens, clock,
                NOW.minus(Duration.ofMinutes(10)), authority.roots(), authority.intermediates(),
                OidcDiscovery.withDefaults(clock));
    }

    StepAuthority stepAuthority() {
        return new StepAuthority(authority, tokens, () -> registry, revocations, BACKDATE, clock);
    }

    StepRevoker revoker() {
        return new StepRevoker(tokens, revocations, revokedCallbacks::incrementAndGet, clock);
    }

    CrlService crl(CrlSettings settings) {
        return new CrlService(revocations, PKI.intermediate(), PKI.intermediateKey(), settings,
                "https://" + CA_NAME + "/1.0/crl", clock);
    }

    ProvisionerKeys provisionerKeys() {
        return new ProvisionerKeys(() -> registry);
    }

    /** A sign token for {@code subject}, as {@code step ca token} makes it. */
    String signToken(String subject, List<String> sans) {
        return token(subject, sans, "https://" + CA_NAME + "/1.0/sign");
    }

    /** A revoke token: its subject is the decimal serial (reference 3.6). */
    String revokeToken(String serialDecimal) {
        return token(serialDecimal, null, "https://" + CA_NAME + "/1.0/revoke");
    }

    private String token(String subject, List<String> sans, String audience) {
        try {
            JwtClaims c = new JwtClaims();
            c.setIssuer(PROVISIONER);
            c.setSubject(subject);
            c.setStringClaim("aud", audience);
            c.setNotBefore(NumericDate.fromSeconds(NOW.getEpochSecond()));
            c.setIssuedAt(NumericDate.fromSeconds(NOW.getEpochSecond()));
            c.setExpirationTime(NumericDate.fromSeconds(NOW.getEpochSecond() + 300));
            byte[] jti = new byte[32];
            RANDOM.nextBytes(jti);
            c.setJwtId(HexFormat.of().formatHex(jti));
            c.setStringClaim("sha", CertificateExtensions.sha256Fingerprint(PKI.root()));
            if (sans != null) {
                c.setStringListClaim("sans", sans);
            }
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(c.toJson());
            jws.setKey(provisionerKey.getPrivateKey());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            jws.setKeyIdHeaderValue(provisionerKey.getKeyId());
            jws.setHeader("typ", "JWT");
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PEM CSR with {@code cn} as common name and DNS name, signed by a new P-256 key. */
    static String csr(String cn) {
        return csr(cn, KeyType.EC_P256.generate());
    }

    static String csr(String cn, KeyPair key) {
        try {
            var builder = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), key.getPublic());
            ExtensionsGenerator ext = new ExtensionsGenerator();
            ext.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, cn)));
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate());
            byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()))
                    .getEncoded();
            return "-----BEGIN CERTIFICATE REQUEST-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                    + "\n-----END CERTIFICATE REQUEST-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicJsonWebKey provisionerKey() {
        try {
            PublicJsonWebKey k = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            k.setKeyId(k.calculateBase64urlEncodedThumbprint("SHA-256"));
            k.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            k.setUse("sig");
            return k;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
