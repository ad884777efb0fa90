package dev.stile.provisioners;

import dev.stile.authority.ProvisionerType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.provisioners.claims.Claims;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ACME provisioner (reference section 4.5), served at {@code /acme/<name>/...}. Besides step-ca's
 * keys it accepts Stile's extension {@code profiles}: named certificate profiles a client may
 * select in new-order (each with a description and its own {@code defaultTLSCertDuration}).
 */
public final class AcmeProvisioner extends Provisioner {

    /** step-ca's default challenge list when {@code challenges} is absent. */
    public static final List<String> DEFAULT_CHALLENGES = List.of("http-01", "dns-01", "tls-alpn-01");

    private final boolean forceCn;
    private final boolean requireEab;
    private final List<String> challenges;
    private final String termsOfService;
    private final String website;
    private final List<String> caaIdentities;
    private final Map<String, AcmeProfile> profiles;

    public AcmeProvisioner(String name, String configuredType, Claims claims, ObjectNode json,
                           boolean forceCn, boolean requireEab, List<String> challenges, String termsOfService,
                           String website, List<String> caaIdentities, Map<String, AcmeProfile> profiles) {
        super(name, configuredType, claims, json);
        this.forceCn = forceCn;
        this.requireEab = requireEab;
        this.challenges = List.copyOf(challenges);
        this.termsOfService = termsOfService;
        this.website = website;
        this.caaIdentities = List.copyOf(caaIdentities);
        this.profiles = Map.copyOf(profiles);
    }

    @Override
    public ProvisionerType type() {
        return ProvisionerType.ACME;
    }

    @Override
    public String id() {
        return "acme/" + name();
    }

    /** Copy the first DNS name into an empty CN. */
    public boolean forceCn() {
        return forceCn;
    }

    /** External account binding is mandatory for new-account. */
    public boolean requireEab() {
        return requireEab;
    }

    /** Enabled challenge types, e.g. {@code http-01}. */
    public List<String> challenges() {
        return challenges;
    }

    public Optional<String> termsOfService() {
        return Optional.ofNullable(termsOfService);
    }

    public Optional<String> website() {
        return Optional.ofNullable(website);
    }

    public List<String> caaIdentities() {
        return caaIdentities;
    }

    /** Stile extension: profiles by name (insertion order not significant). */
    public Map<String, AcmeProfile> profiles() {
        return profiles;
    }
}
