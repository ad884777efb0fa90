package dev.stile.provisioners.token;

import dev.stile.provisioners.AuthorizationException;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A token whose header and claims have been read but NOT verified. Used only to choose the
 * provisioner (and key) that must verify it; nothing here may be trusted.
 */
public final class ParsedToken {

    /** Signature algorithms a token may use; "none" and HMAC never (a public key must verify). */
    static final AlgorithmConstraints SIGNATURE_ALGORITHMS = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT,
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
            AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
            AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512,
            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
            AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA384, AlgorithmIdentifiers.RSA_PSS_USING_SHA512,
            AlgorithmIdentifiers.EDDSA);

    private static final JwtConsumer PEEK = new JwtConsumerBuilder()
            .setSkipAllValidators()
            .setDisableRequireSignature()
            .setSkipSignatureVerification()
            .build();

    private final String raw;
    private final JsonWebSignature jws;
    private final JwtClaims claims;

    private ParsedToken(String raw, JsonWebSignature jws, JwtClaims claims) {
        this.raw = raw;
        this.jws = jws;
        this.claims = claims;
    }

    /**
     * Reads a compact JWS without verifying it.
     *
     * @throws AuthorizationException 401 when it is not a signed JWT
     */
    public static ParsedToken parse(String token) {
        if (token == null || token.isBlank()) {
            throw AuthorizationException.unauthorized("the token is empty");
        }
        String t = token.trim();
        try {
            JwtContext ctx = PEEK.process(t);
            List<JsonWebStructure> objects = ctx.getJoseObjects();
            if (objects.size() != 1 || !(objects.get(0) instanceof JsonWebSignature)) {
                throw AuthorizationException.unauthorized("the token is not a signed JWT (nested or encrypted tokens are not accepted)");
            }
            return new ParsedToken(t, (JsonWebSignature) objects.get(0), ctx.getJwtClaims());
        } catch (InvalidJwtException e) {
            throw AuthorizationException.unauthorized("the token is not a valid JWT: " + Signatures.firstLine(e));
        }
    }

    /**
     * Verifies this token's signature with {@code key}, within {@link #SIGNATURE_ALGORITHMS} and
     * with the crypto provider of {@code providers}; once per token (the result is kept).
     */
    boolean verifySignature(java.security.Key key, org.jose4j.jca.ProviderContext providers) throws JoseException {
        jws.setAlgorithmConstraints(SIGNATURE_ALGORITHMS);
        jws.setProviderContext(providers);
        jws.setKey(key);
        return jws.verifySignature();
    }

    public String raw() {
        return raw;
    }

    public JwtClaims claims() {
        return claims;
    }

    public String keyId() {
        return jws.getKeyIdHeaderValue();
    }

    public String algorithm() {
        return jws.getAlgorithmHeaderValue();
    }

    /** A header value that is a JSON array of strings ({@code x5c}, {@code x5cInsecure}), or empty. */
    public List<String> headerStrings(String name) {
        Object v = jws.getHeaders().getObjectHeaderValue(name);
        if (v instanceof List<?>) {
            return ((List<?>) v).stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    public String issuer() {
        return string("iss");
    }

    public String subject() {
        return string("sub");
    }

    /** {@code aud} as a list whether the token carries a string or an array. */
    public List<String> audiences() {
        try {
            return claims.hasAudience() ? claims.getAudience() : List.of();
        } catch (MalformedClaimException e) {
            return List.of();
        }
    }

    public String string(String claim) {
        Object v = claims.getClaimValue(claim);
        return v instanceof String ? (String) v : null;
    }

    /**
     * The {@code exp} claim, if present and numeric.
     *
     * @throws AuthorizationException 400 when it lies beyond what an instant can hold (e.g. {@code 1e300},
     *                                found by StepTokenFuzzer; it used to escape as a 500)
     */
    public Optional<Instant> expiresAt() {
        try {
            NumericDate exp = claims.getExpirationTime();
            return exp == null ? Optional.empty() : Optional.of(Instant.ofEpochSecond(exp.getValue()));
        } catch (MalformedClaimException e) {
            return Optional.empty();
        } catch (java.time.DateTimeException e) {
            throw AuthorizationException.badRequest("the token's exp claim is not a usable time");
        }
    }

    /** Lower-case hex SHA-256 of the whole token: the replay key when it has no jti/nonce. */
    public String sha256() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
