package dev.stile.provisioners;

import dev.stile.authority.ProvisionerType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.provisioners.claims.Claims;
import dev.stile.provisioners.policy.X509Policy;

import java.util.Objects;

/**
 * One configured provisioner: who may obtain which certificates, and how they prove it.
 * Immutable. {@link #json()} is exactly what ca.json said (including {@code encryptedKey}), which
 * is what {@code GET /provisioners} serves; {@link #claims()} are the merged, validated claims;
 * {@link #policy()} is its own x509 policy ({@code policy} in its JSON), checked in addition to
 * the authority's.
 */
public abstract sealed class Provisioner
        permits JwkProvisioner, AcmeProvisioner, X5cProvisioner, K8sSaProvisioner, OidcProvisioner,
        UnknownProvisioner {

    private final String name;
    private final String configuredType;
    private final Claims claims;
    private final ObjectNode json;
    private final X509Policy policy;

    /**
     * @throws ProvisionerConfigException when {@code json.policy} is not a valid x509 policy
     */
    protected Provisioner(String name, String configuredType, Claims claims, ObjectNode json) {
        this.name = Objects.requireNonNull(name, "name");
        this.configuredType = Objects.requireNonNull(configuredType, "configuredType");
        this.claims = Objects.requireNonNull(claims, "claims");
        this.json = json.deepCopy();
        this.policy = X509Policy.fromProvisionerPolicy(json.get("policy"), name,
                configuredType + " provisioner \"" + name + "\"");
    }

    /** The unique provisioner name (JWK: the token {@code iss}). */
    public final String name() {
        return name;
    }

    /** The type as written in ca.json ({@code JWK}, {@code jwk}, {@code K8sSA}, ...). */
    public final String configuredType() {
        return configuredType;
    }

    public abstract ProvisionerType type();

    /**
     * The internal ID step-ca uses for token lookup and records: JWK {@code <name>:<kid>}, ACME
     * {@code acme/<name>}, X5C {@code x5c/<name>}, OIDC its client ID, K8sSA {@code k8ssa/<name>}.
     */
    public abstract String id();

    /** The credential ID for the provisioner extension (JWK: the key's kid; others empty). */
    public String credentialId() {
        return "";
    }

    public final Claims claims() {
        return claims;
    }

    /** The provisioner's own x509 policy ({@link X509Policy#NONE} when it has none). */
    public final X509Policy policy() {
        return policy;
    }

    /** A copy of the provisioner's JSON as configured. */
    public final ObjectNode json() {
        return json.deepCopy();
    }

    @Override
    public String toString() {
        return configuredType + " provisioner \"" + name + "\"";
    }
}
