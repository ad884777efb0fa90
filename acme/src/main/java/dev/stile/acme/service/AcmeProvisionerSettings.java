package dev.stile.acme.service;

import dev.stile.acme.model.ChallengeType;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the ACME server needs to know about one ACME provisioner. The composition root maps ca.json
 * (provisioner {@code challenges}, {@code claims}, {@code requireEAB}, and Stile's extension keys)
 * into it.
 *
 * @param name               provisioner name (the {@code {prov}} path segment)
 * @param challengeTypes     enabled challenge types (ca.json {@code challenges}; all three by default)
 * @param requireEab         ca.json {@code requireEAB}
 * @param termsOfService     {@code meta.termsOfService} URL or {@code null}; when set, new accounts must agree
 * @param website            {@code meta.website} or {@code null}
 * @param caaIdentities     {@code meta.caaIdentities}
 * @param defaultLifetime    certificate lifetime when neither notAfter nor a profile says otherwise (24 h)
 * @param minLifetime        shortest lifetime a client may request
 * @param maxLifetime        longest lifetime a client may request
 * @param profiles           offered profiles, name → description and lifetime (ACME profiles draft)
 * @param orderLifetime      how long an order stays pending
 * @param authzLifetime      how long an authorization stays valid, and pending ones live
 */
public record AcmeProvisionerSettings(
        String name, Set<ChallengeType> challengeTypes, boolean requireEab, String termsOfService, String website,
        List<String> caaIdentities, Duration defaultLifetime, Duration minLifetime, Duration maxLifetime,
        Map<String, Profile> profiles, Duration orderLifetime, Duration authzLifetime) {

    /**
     * An ACME profile (draft-aaron-acme-profiles).
     *
     * @param description        shown in {@code meta.profiles}
     * @param lifetime           certificate lifetime for orders naming this profile
     * @param authorizationReuse how long after its validation an authorization may serve a new order
     *                           of this profile; {@code null}: as long as the authorization is valid
     */
    public record Profile(String description, Duration lifetime, Duration authorizationReuse) {
        public Profile {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(lifetime, "lifetime");
        }

        public Profile(String description, Duration lifetime) {
            this(description, lifetime, null);
        }
    }

    public AcmeProvisionerSettings {
        Objects.requireNonNull(name, "name");
        challengeTypes = challengeTypes == null || challengeTypes.isEmpty()
                ? EnumSet.copyOf(ChallengeType.CLASSIC) : EnumSet.copyOf(challengeTypes);
        caaIdentities = caaIdentities == null ? List.of() : List.copyOf(caaIdentities);
        defaultLifetime = defaultLifetime == null ? Duration.ofHours(24) : defaultLifetime;
        minLifetime = minLifetime == null ? Duration.ofMinutes(5) : minLifetime;
        maxLifetime = maxLifetime == null ? Duration.ofHours(24) : maxLifetime;
        profiles = profiles == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
        orderLifetime = orderLifetime == null ? Duration.ofHours(24) : orderLifetime;
        authzLifetime = authzLifetime == null ? Duration.ofHours(24) : authzLifetime;
        if (minLifetime.compareTo(defaultLifetime) > 0 || defaultLifetime.compareTo(maxLifetime) > 0) {
            throw new IllegalArgumentException("ACME provisioner " + name + ": certificate lifetimes must satisfy min "
                    + minLifetime + " <= default " + defaultLifetime + " <= max " + maxLifetime);
        }
        for (Map.Entry<String, Profile> p : profiles.entrySet()) {
            Duration l = p.getValue().lifetime();
            if (l.compareTo(minLifetime) < 0 || l.compareTo(maxLifetime) > 0) {
                throw new IllegalArgumentException("ACME provisioner " + name + ": profile " + p.getKey() + " lifetime "
                        + l + " lies outside " + minLifetime + " to " + maxLifetime);
            }
        }
        if (orderLifetime.isNegative() || orderLifetime.isZero() || authzLifetime.isNegative() || authzLifetime.isZero()) {
            throw new IllegalArgumentException("ACME provisioner " + name + ": order and authorization lifetimes must be positive");
        }
    }

    /** Step-ca's defaults: all challenges, no EAB, 24 h certificates, no profiles. */
    public static AcmeProvisionerSettings defaults(String name) {
        return new AcmeProvisionerSettings(name, null, false, null, null, null, null, null, null, null, null, null);
    }
}
