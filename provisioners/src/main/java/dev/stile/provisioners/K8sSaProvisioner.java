package dev.stile.provisioners;

import dev.stile.authority.ProvisionerType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.provisioners.claims.Claims;

import java.security.PublicKey;
import java.util.List;

/**
 * A K8sSA provisioner (reference section 3.7): Kubernetes service-account tokens verified against
 * the configured {@code publicKeys} (the cluster's service-account signing keys). At most one per CA.
 */
public final class K8sSaProvisioner extends Provisioner {

    /** The {@code iss} of legacy Kubernetes service-account tokens. */
    public static final String ISSUER = "kubernetes/serviceaccount";

    private final List<PublicKey> publicKeys;

    public K8sSaProvisioner(String name, String configuredType, Claims claims, ObjectNode json,
                            List<PublicKey> publicKeys) {
        super(name, configuredType, claims, json);
        this.publicKeys = List.copyOf(publicKeys);
    }

    @Override
    public ProvisionerType type() {
        return ProvisionerType.K8SSA;
    }

    @Override
    public String id() {
        return "k8ssa/" + name();
    }

    public List<PublicKey> publicKeys() {
        return publicKeys;
    }
}
