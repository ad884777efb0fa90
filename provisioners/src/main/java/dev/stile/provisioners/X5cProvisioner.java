package dev.stile.provisioners;

import dev.stile.authority.ProvisionerType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.provisioners.claims.Claims;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * An X5C provisioner (reference sections 3.4, 4.6): tokens carry an {@code x5c} certificate chain
 * that must verify to one of the provisioner's {@code roots}.
 */
public final class X5cProvisioner extends Provisioner {

    private final List<X509Certificate> roots;

    public X5cProvisioner(String name, String configuredType, Claims claims, ObjectNode json,
                          List<X509Certificate> roots) {
        super(name, configuredType, claims, json);
        this.roots = List.copyOf(roots);
    }

    @Override
    public ProvisionerType type() {
        return ProvisionerType.X5C;
    }

    @Override
    public String id() {
        return "x5c/" + name();
    }

    /** Trust anchors for the token's chain. */
    public List<X509Certificate> roots() {
        return roots;
    }
}
