package dev.stile.bench.jmh;

import dev.stile.authority.crypto.BouncyCastle;
import dev.stile.acme.jws.AuthMode;
import dev.stile.acme.jws.JwsRequest;
import dev.stile.acme.jws.JwsVerifier;
import dev.stile.acme.jws.VerifiedRequest;
import dev.stile.acme.store.fake.InMemoryAccountStore;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.EllipticCurves;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One ACME newAccount request (ES256, {@code jwk} header) through {@link JwsVerifier}: content
 * type, JSON parsing, key policy and the jose4j signature check, with the BouncyCastle provider
 * (production) or the JDK's SunEC (what jose4j uses when no provider is set).
 */
@State(Scope.Benchmark)
public class JwsVerifyBenchmark {

    private static final String URL = "https://ca.example.test/acme/acme/new-account";

    @Param({"BC", "SunEC", Providers.NATIVE})
    public String provider;

    private JwsVerifier verifier;
    private JwsRequest request;

    @Setup
    public void setUp() throws Exception {
        BouncyCastle.provider();
        Providers.install(provider);
        verifier = new JwsVerifier(new AlwaysFreshNonces(),
                new InMemoryAccountStore(), JwsVerifier.DEFAULT_MAX_BODY, provider);
        EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload("{\"termsOfServiceAgreed\":true,\"contact\":[\"mailto:bench@example.test\"]}");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.getHeaders().setJwkHeaderValue("jwk", key);
        jws.getHeaders().setStringHeaderValue("nonce", "bench-nonce");
        jws.getHeaders().setStringHeaderValue("url", URL);
        jws.setKey(key.getPrivateKey());
        String[] parts = jws.getCompactSerialization().split("\\.");
        String flattened = "{\"protected\":\"" + parts[0] + "\",\"payload\":\"" + parts[1]
                + "\",\"signature\":\"" + parts[2] + "\"}";
        request = new JwsRequest("application/jose+json", flattened.getBytes(StandardCharsets.US_ASCII), URL,
                "acme", "https://ca.example.test/acme/acme/account/");
        // Fail the set-up, not the numbers, if the request is not actually accepted.
        verifier.verify(request, AuthMode.JWK);
        if (!provider.equals(verifier.providerName())) {
            throw new IllegalStateException("verifier uses " + verifier.providerName() + ", not " + provider);
        }
        JsonWebKey.Factory.newJwk(key.toJson()); // jose4j warm-up of its JSON code, outside the loop
        Base64.getUrlDecoder();
    }

    @Benchmark
    public VerifiedRequest verifyNewAccountJws() {
        return verifier.verify(request, AuthMode.JWK);
    }
}
