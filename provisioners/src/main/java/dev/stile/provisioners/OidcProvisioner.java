package dev.stile.provisioners;

import dev.stile.authority.ProvisionerType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.provisioners.claims.Claims;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * An OIDC provisioner (reference section 3.7): ID tokens from an OpenID provider whose discovery
 * document is at {@code configurationEndpoint}; {@code admins} may request any name, others only
 * their e-mail address, optionally restricted to {@code domains} and {@code groups}.
 */
public final class OidcProvisioner extends Provisioner {

    private final String clientId;
    private final URI configurationEndpoint;
    private final List<String> admins;
    private final List<String> domains;
    private final List<String> groups;

    public OidcProvisioner(String name, String configuredType, Claims claims, ObjectNode json, String clientId,
                           URI configurationEndpoint, List<String> admins, List<String> domains, List<String> groups) {
        super(name, configuredType, claims, json);
        this.clientId = clientId;
        this.configurationEndpoint = configurationEndpoint;
        this.admins = List.copyOf(admins);
        this.domains = domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
        this.groups = List.copyOf(groups);
    }

    @Override
    public ProvisionerType type() {
        return ProvisionerType.OIDC;
    }

    /** step-ca identifies OIDC provisioners by their client ID. */
    @Override
    public String id() {
        return clientId;
    }

    public String clientId() {
        return clientId;
    }

    public URI configurationEndpoint() {
        return configurationEndpoint;
    }

    public List<String> admins() {
        return admins;
    }

    /** Allowed e-mail domains, lower case; empty = any. */
    public List<String> domains() {
        return domains;
    }

    /** Required groups (any of them); empty = no group requirement. */
    public List<String> groups() {
        return groups;
    }

    /** True when the e-mail address is one of the admins (case-insensitive). */
    public boolean isAdmin(String email) {
        return email != null && admins.stream().anyMatch(a -> a.equalsIgnoreCase(email));
    }
}
