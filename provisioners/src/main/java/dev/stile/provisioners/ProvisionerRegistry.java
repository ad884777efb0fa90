package dev.stile.provisioners;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.provisioners.claims.Claims;
import dev.stile.provisioners.policy.X509Policy;
import dev.stile.core.Page;
import dev.stile.core.PageRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of the configured provisioners with the lookups token verification needs.
 * A reload builds a new registry and swaps it in whole ({@link ProvisionerSource}), so a request
 * always sees one consistent set.
 */
public final class ProvisionerRegistry {

    private final List<Provisioner> ordered;
    private final Claims authorityClaims;
    private final X509Policy authorityPolicy;
    private final Map<String, Provisioner> byName = new HashMap<>();
    private final Map<String, Provisioner> byId = new HashMap<>();
    private final Map<String, JwkProvisioner> jwkByKid = new HashMap<>();
    private final Map<String, OidcProvisioner> oidcByClientId = new HashMap<>();
    private final K8sSaProvisioner k8sSa;

    private ProvisionerRegistry(List<Provisioner> provisioners, Claims authorityClaims, X509Policy authorityPolicy) {
        this.ordered = List.copyOf(provisioners);
        this.authorityClaims = authorityClaims;
        this.authorityPolicy = authorityPolicy;
        K8sSaProvisioner k8s = null;
        for (int i = 0; i < ordered.size(); i++) {
            Provisioner p = ordered.get(i);
            String where = "authority.provisioners[" + i + "] (" + p.configuredType() + " \"" + p.name() + "\")";
            if (byName.putIfAbsent(p.name(), p) != null) {
                throw new ProvisionerConfigException(where + ": the name \"" + p.name()
                        + "\" is already used by another provisioner; names must be unique");
            }
            if (byId.putIfAbsent(p.id(), p) != null) {
                throw new ProvisionerConfigException(where + ": its ID \"" + p.id()
                        + "\" is already used by another provisioner");
            }
            if (p instanceof JwkProvisioner) {
                JwkProvisioner jwk = (JwkProvisioner) p;
                if (jwkByKid.putIfAbsent(jwk.kid(), jwk) != null) {
                    throw new ProvisionerConfigException(where + ": key kid \"" + jwk.kid()
                            + "\" is already used by JWK provisioner \"" + jwkByKid.get(jwk.kid()).name() + "\"");
                }
            } else if (p instanceof OidcProvisioner) {
                OidcProvisioner oidc = (OidcProvisioner) p;
                oidcByClientId.put(oidc.clientId(), oidc);
            } else if (p instanceof K8sSaProvisioner) {
                if (k8s != null) {
                    throw new ProvisionerConfigException(where + ": only one K8sSA provisioner is allowed, \""
                            + k8s.name() + "\" is already configured");
                }
                k8s = (K8sSaProvisioner) p;
            }
        }
        this.k8sSa = k8s;
    }

    /**
     * Builds a registry from ca.json's {@code authority.provisioners} and {@code authority.claims}.
     *
     * @param provisioners    the provisioner objects in configuration order
     * @param authorityClaims {@code authority.claims}, may be null
     * @throws ProvisionerConfigException naming the first invalid entry and key
     */
    public static ProvisionerRegistry load(List<JsonNode> provisioners, JsonNode authorityClaims) {
        return load(provisioners, authorityClaims, null);
    }

    /**
     * Like {@link #load(List, JsonNode)}, with {@code authority.policy}: it lives in the same
     * snapshot so a reload (ca.json edited, admin API change) swaps provisioners and policy together.
     *
     * @param authorityPolicy {@code authority.policy}, may be null
     * @throws ProvisionerConfigException naming the first invalid entry, key or rule
     */
    public static ProvisionerRegistry load(List<JsonNode> provisioners, JsonNode authorityClaims,
                                           JsonNode authorityPolicy) {
        X509Policy policy = X509Policy.fromAuthorityPolicy(authorityPolicy);
        Claims global = Claims.forAuthority(authorityClaims);
        ProvisionerParser parser = new ProvisionerParser(global);
        List<Provisioner> parsed = new ArrayList<>();
        for (int i = 0; i < provisioners.size(); i++) {
            parsed.add(parser.parse(provisioners.get(i), i));
        }
        return new ProvisionerRegistry(parsed, global, policy);
    }

    /** A registry of already-built provisioners (tests, programmatic set-ups). */
    public static ProvisionerRegistry of(List<Provisioner> provisioners, Claims authorityClaims) {
        return new ProvisionerRegistry(provisioners, authorityClaims, X509Policy.NONE);
    }

    /** All provisioners in configuration order. */
    public List<Provisioner> all() {
        return Collections.unmodifiableList(ordered);
    }

    /** The resolved {@code authority.claims} (used for certificates without a provisioner). */
    public Claims authorityClaims() {
        return authorityClaims;
    }

    /** The parsed {@code authority.policy} ({@link X509Policy#NONE} when there is none). */
    public X509Policy authorityPolicy() {
        return authorityPolicy;
    }

    public Optional<Provisioner> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** By internal ID ({@code <name>:<kid>}, {@code x5c/<name>}, {@code acme/<name>}, ...). */
    public Optional<Provisioner> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The JWK provisioner whose key has this kid ({@code /provisioners/{kid}/encrypted-key}). */
    public Optional<JwkProvisioner> jwkByKid(String kid) {
        return Optional.ofNullable(jwkByKid.get(kid));
    }

    public Optional<OidcProvisioner> oidcByClientId(String clientId) {
        return Optional.ofNullable(oidcByClientId.get(clientId));
    }

    public Optional<K8sSaProvisioner> k8sSa() {
        return Optional.ofNullable(k8sSa);
    }

    /** The ACME provisioner with this name, if that name is an ACME provisioner. */
    public Optional<AcmeProvisioner> acme(String name) {
        Provisioner p = byName.get(name);
        return p instanceof AcmeProvisioner ? Optional.of((AcmeProvisioner) p) : Optional.empty();
    }

    /**
     * One page of provisioners in configuration order for {@code GET /provisioners}. The cursor is
     * the hex index of the first entry of the page (opaque to clients, as in step-ca).
     *
     * @throws IllegalArgumentException when the cursor is not one this registry produced
     */
    public Page<Provisioner> page(PageRequest request) {
        int start = 0;
        if (!request.cursor().isEmpty()) {
            try {
                start = Integer.parseInt(request.cursor(), 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cursor \"" + request.cursor() + "\" is not valid");
            }
            if (start < 0) {
                throw new IllegalArgumentException("cursor \"" + request.cursor() + "\" is not valid");
            }
        }
        int from = Math.min(start, ordered.size());
        int to = Math.min(from + request.limit(), ordered.size());
        String next = to < ordered.size() ? Integer.toHexString(to) : "";
        return new Page<>(ordered.subList(from, to), next);
    }

    /**
     * Parses {@code ?cursor=&limit=} as step-ca does: absent or {@code <= 0} means 20, more than
     * 100 means 100, anything that is not an integer is an error.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public static PageRequest pageRequest(String cursor, String limit) {
        int n = 0;
        if (limit != null && !limit.isBlank()) {
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("limit \"" + limit + "\" is not a number");
            }
        }
        return new PageRequest(cursor, n);
    }
}
