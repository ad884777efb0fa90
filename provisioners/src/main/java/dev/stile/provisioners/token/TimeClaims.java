package dev.stile.provisioners.token;

import dev.stile.provisioners.AuthorizationException;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;

import java.time.Instant;

/**
 * {@code nbf}, {@code exp} and {@code iat} with step-ca's 60 s leeway (reference 3.1 step 5), and
 * the optional "issued before the CA started" rule (step 3).
 */
final class TimeClaims {

    static final long LEEWAY_SECONDS = 60;
    /** 9999-12-31T23:59:59Z: no real token claims a time after this (or before 1970). */
    static final long LATEST_SECONDS = 253_402_300_799L;

    private TimeClaims() {
    }

    static void check(JwtClaims claims, Instant now, Instant caStart, boolean requireExpiry) {
        Instant nbf = time(claims, "nbf");
        Instant exp = time(claims, "exp");
        Instant iat = time(claims, "iat");
        if (nbf != null && nbf.isAfter(now.plusSeconds(LEEWAY_SECONDS))) {
            throw AuthorizationException.unauthorized("token is not valid yet: nbf " + nbf + " is after now " + now
                    + " (+60 s leeway); check the client's clock");
        }
        if (exp == null && requireExpiry) {
            throw AuthorizationException.unauthorized("token has no exp claim");
        }
        if (exp != null && exp.isBefore(now.minusSeconds(LEEWAY_SECONDS))) {
            throw AuthorizationException.unauthorized("token expired at " + exp + ", now is " + now + " (60 s leeway)");
        }
        if (iat != null && iat.isAfter(now.plusSeconds(LEEWAY_SECONDS))) {
            throw AuthorizationException.unauthorized("token issued in the future: iat " + iat + ", now " + now
                    + "; check the client's clock");
        }
        if (caStart != null && iat != null && iat.getEpochSecond() < caStart.getEpochSecond()) {
            throw AuthorizationException.unauthorized("token issued before the bootstrap of certificate authority: iat "
                    + iat + " is before the CA started at " + caStart
                    + " (set authority.disableIssuedAtCheck to accept pre-minted tokens)");
        }
    }

    /**
     * A time claim, or {@code null} when absent. A value outside 1970..9999 (e.g. {@code 1e300},
     * which would overflow every date type) is a malformed request: 400, not a failure.
     */
    static Instant time(JwtClaims claims, String name) {
        Object raw = claims.getClaimValue(name);
        if (raw instanceof Number n && !(n.doubleValue() >= 0 && n.doubleValue() <= LATEST_SECONDS)) {
            throw AuthorizationException.badRequest("token claim " + name + " is not a time between 1970 and 9999");
        }
        try {
            NumericDate d = claims.getNumericDateClaimValue(name);
            return d == null ? null : Instant.ofEpochSecond(d.getValue());
        } catch (MalformedClaimException e) {
            throw AuthorizationException.unauthorized("token claim " + name + " is not a number: " + e.getMessage());
        }
    }

    /**
     * Until when a used token must be remembered: its own {@code exp} plus the leeway it is
     * accepted with, so it can never be replayed while it would still verify.
     */
    static Instant rememberUntil(JwtClaims claims) {
        Instant exp = time(claims, "exp");
        return exp == null ? null : exp.plusSeconds(LEEWAY_SECONDS);
    }
}
