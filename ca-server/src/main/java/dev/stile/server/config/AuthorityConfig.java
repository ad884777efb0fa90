package dev.stile.server.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

/**
 * ca.json {@code authority}. Provisioners, claims, policy and template stay JSON here: the
 * provisioners module owns their meaning and reports their errors.
 *
 * @param provisioners         each provisioner object as written
 * @param claims               global claims object, or null
 * @param backdate             subtracted from notBefore, default 1m, never negative
 * @param policy               x509/ssh name policy object, or null
 * @param template             default subject attributes, or null
 * @param enableAdmin          admin API on (provisioners in the database)
 * @param disableIssuedAtCheck skip the token iat-versus-start-up check
 */
public record AuthorityConfig(
        List<JsonNode> provisioners,
        JsonNode claims,
        Duration backdate,
        JsonNode policy,
        JsonNode template,
        boolean enableAdmin,
        boolean disableIssuedAtCheck) {

    public static final Duration DEFAULT_BACKDATE = Duration.ofMinutes(1);

    public AuthorityConfig {
        provisioners = List.copyOf(provisioners);
    }

    public static AuthorityConfig defaults() {
        return new AuthorityConfig(List.of(), null, DEFAULT_BACKDATE, null, null, false, false);
    }
}
