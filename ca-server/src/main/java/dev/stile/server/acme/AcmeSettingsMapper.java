package dev.stile.server.acme;

import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.service.AcmeProvisionerSettings;
import dev.stile.provisioners.AcmeProfile;
import dev.stile.provisioners.AcmeProvisioner;
import dev.stile.provisioners.claims.Claims;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Maps a parsed ACME provisioner of ca.json into what the ACME server needs: challenge types from
 * {@code challenges} (types Stile does not validate, such as device-attest-01, are left out),
 * {@code requireEAB}, the directory's meta, TLS duration claims as lifetimes, and Stile's
 * {@code profiles}.
 */
public final class AcmeSettingsMapper {

    private AcmeSettingsMapper() {
    }

    public static AcmeProvisionerSettings map(AcmeProvisioner p) {
        Set<ChallengeType> types = EnumSet.noneOf(ChallengeType.class);
        for (String c : p.challenges()) {
            ChallengeType.fromToken(c).ifPresent(types::add);
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("ACME provisioner " + p.name() + " enables no challenge type Stile"
                    + " validates (challenges " + p.challenges() + "; known: http-01, dns-01, tls-alpn-01,"
                    + " dns-account-01, dns-persist-01)");
        }
        if (types.contains(ChallengeType.DNS_PERSIST_01) && p.caaIdentities().isEmpty()) {
            // draft-ietf-acme-dns-persist-02 §3.1/§3.2: issuerDomainNames must not be empty; they are the
            // CA's identities, the same names CAA issue records use (caaIdentities).
            throw new IllegalArgumentException("ACME provisioner " + p.name() + " enables dns-persist-01 but has no"
                    + " caaIdentities: list the issuer domain names its records must name, e.g. [\"ca.home.arpa\"]");
        }
        Claims claims = p.claims();
        Map<String, AcmeProvisionerSettings.Profile> profiles = new LinkedHashMap<>();
        // Sorted by name: the registry's map has no order, and the directory should be stable.
        new TreeMap<>(p.profiles()).forEach((name, profile) -> profiles.put(name, profile(profile, claims)));
        return new AcmeProvisionerSettings(p.name(), types, p.requireEab(), p.termsOfService().orElse(null),
                p.website().orElse(null), p.caaIdentities(), claims.defaultTlsDuration(), claims.minTlsDuration(),
                claims.maxTlsDuration(), profiles, null, null);
    }

    private static AcmeProvisionerSettings.Profile profile(AcmeProfile profile, Claims claims) {
        String description = profile.description() == null ? profile.name() : profile.description();
        return new AcmeProvisionerSettings.Profile(description,
                profile.defaultTlsDuration().orElse(claims.defaultTlsDuration()),
                profile.authorizationReuse().orElse(null));
    }
}
