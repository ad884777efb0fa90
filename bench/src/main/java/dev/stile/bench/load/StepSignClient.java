package dev.stile.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.bench.jmh.Csrs;
import dev.stile.provisioners.jwe.JoseProviders;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One step CLI user calling {@code POST /1.0/sign}: for each call it mints a JWK one-time token
 * like {@code step ca token} (header alg/kid/typ; iss, sub, aud, nbf = iat = now, exp = now + 5 min,
 * 64-hex jti, sans) and sends it with a CSR. CSRs come from a small per-client pool made before the
 * clock starts, so the driver's own key generation does not compete with the server for CPU.
 */
final class StepSignClient implements Operation {

    private static final int CSR_POOL = 8;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpClient http;
    private final URI signUrl;
    private final String audience;
    private final StepProvisioner provisioner;
    private final String[] names = new String[CSR_POOL];
    private final String[] csrPems = new String[CSR_POOL];

    StepSignClient(int client, String caUrl, SSLContext trust, StepProvisioner provisioner) {
        this.http = HttpClient.newBuilder().sslContext(trust).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.signUrl = URI.create(caUrl + "/1.0/sign");
        this.audience = caUrl + "/1.0/sign";
        this.provisioner = provisioner;
        for (int i = 0; i < CSR_POOL; i++) {
            names[i] = "sign-c" + client + "-k" + i + ".bench.example.com";
            byte[] der = Csrs.der(Csrs.p256(), names[i]);
            csrPems[i] = "-----BEGIN CERTIFICATE REQUEST-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                    + "\n-----END CERTIFICATE REQUEST-----\n";
        }
    }

    @Override
    public void run(long sequence) throws Exception {
        int i = (int) (sequence % CSR_POOL);
        String body = JSON.writeValueAsString(Map.of("csr", csrPems[i], "ott", token(names[i])));
        HttpRequest request = HttpRequest.newBuilder(signUrl).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201 || !response.body().contains("BEGIN CERTIFICATE")) {
            throw new IllegalStateException("/sign answered " + response.statusCode() + ": " + response.body());
        }
    }

    private String token(String subject) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(provisioner.name());
        claims.setSubject(subject);
        claims.setStringClaim("aud", audience);
        claims.setNotBefore(NumericDate.fromSeconds(now));
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + 300));
        byte[] jti = new byte[32];
        RANDOM.nextBytes(jti);
        claims.setJwtId(HexFormat.of().formatHex(jti));
        claims.setStringListClaim("sans", List.of(subject));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setProviderContext(JoseProviders.context());
        jws.setPayload(claims.toJson());
        jws.setKey(provisioner.key().getPrivateKey());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKeyIdHeaderValue(provisioner.key().getKeyId());
        jws.setHeader("typ", "JWT");
        return jws.getCompactSerialization();
    }
}
