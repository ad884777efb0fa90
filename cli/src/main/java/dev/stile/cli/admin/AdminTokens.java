package dev.stile.cli.admin;

import dev.stile.provisioners.jwe.JoseProviders;
import dev.stile.cli.ca.AdminCertificates;
import dev.stile.cli.ca.CliException;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The one-time admin token step's admin commands send (step-ca-api.md 7.2): signed with the admin
 * certificate's key, the chain in {@code x5c}, {@code aud} = the request URL, 5 minutes.
 */
final class AdminTokens {

    static final String ISSUER = "step-admin-client/1.0";
    private static final SecureRandom RANDOM = new SecureRandom();

    private AdminTokens() {
    }

    static String forRequest(AdminCertificates.Credential admin, String subject, String url, Instant now) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setClaim("aud", url);
        byte[] jti = new byte[32];
        RANDOM.nextBytes(jti);
        claims.setJwtId(HexFormat.of().formatHex(jti));
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setNotBefore(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plusSeconds(300).getEpochSecond()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setProviderContext(JoseProviders.context());
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setCertificateChainHeaderValue(admin.chain().toArray(new X509Certificate[0]));
        jws.setHeader("typ", "JWT");
        jws.setKey(admin.key());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw CliException.usage("cannot sign the admin token: " + e.getMessage(), e);
        }
    }
}
