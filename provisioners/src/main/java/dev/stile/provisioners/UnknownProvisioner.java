package dev.stile.provisioners;

import dev.stile.authority.ProvisionerType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.provisioners.claims.Claims;

/**
 * A provisioner of a type Stile does not implement (SSHPOP, SCEP, AWS, ...). It is listed by
 * {@code GET /provisioners} as configured, so clients see the same list as with step-ca, but it
 * never authorises anything.
 */
public final class UnknownProvisioner extends Provisioner {

    public UnknownProvisioner(String name, String configuredType, Claims claims, ObjectNode json) {
        super(name, configuredType, claims, json);
    }

    @Override
    public ProvisionerType type() {
        return ProvisionerType.UNKNOWN;
    }

    @Override
    public String id() {
        return configuredType().toLowerCase(java.util.Locale.ROOT) + "/" + name();
    }
}
