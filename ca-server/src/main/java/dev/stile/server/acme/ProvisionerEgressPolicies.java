package dev.stile.server.acme;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.acme.validation.egress.EgressPolicies;
import dev.stile.acme.validation.egress.EgressPolicy;
import dev.stile.provisioners.AcmeProvisioner;
import dev.stile.provisioners.Provisioner;
import dev.stile.provisioners.ProvisionerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The egress policy of each ACME provisioner: ca.json's top-level {@code validation.allowNetworks}/
 * {@code denyNetworks} plus the same keys in the provisioner's own {@code validation} block (where
 * a provisioner keeps Stile's per-provisioner keys, next to {@code challenges} and
 * {@code caaIdentities}; the same two keys directly in the provisioner, in {@code options} and in
 * {@code options.validation} are read too). The registry is asked on every
 * validation (it may be reloaded); the parsed policy is cached per provisioner object.
 */
final class ProvisionerEgressPolicies implements EgressPolicies {

    private static final Logger LOG = LoggerFactory.getLogger(ProvisionerEgressPolicies.class);

    private final Supplier<ProvisionerRegistry> registry;
    private final EgressPolicy global;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    ProvisionerEgressPolicies(Supplier<ProvisionerRegistry> registry, EgressPolicy global) {
        this.registry = registry;
        this.global = global;
    }

    /**
     * Parses every ACME provisioner's entries once, so a mistake stops start-up with one sentence.
     *
     * @throws IllegalArgumentException naming the provisioner and key
     */
    void check() {
        for (Provisioner p : registry.get().all()) {
            if (p instanceof AcmeProvisioner acme) {
                policyOf(acme);
            }
        }
    }

    @Override
    public EgressPolicy forProvisioner(String name) {
        if (name == null) {
            return global;
        }
        Optional<AcmeProvisioner> p = registry.get().acme(name);
        if (p.isEmpty()) {
            cache.remove(name);
            return global;
        }
        Cached hit = cache.get(name);
        if (hit != null && hit.source == p.get()) {
            return hit.policy;
        }
        EgressPolicy policy;
        try {
            policy = policyOf(p.get());
        } catch (IllegalArgumentException e) {
            // A reload brought a broken entry: refuse rather than fall back to something wider.
            LOG.warn("ACME provisioner {}: {}; its validations connect nowhere until ca.json is fixed", name, e.getMessage());
            policy = EgressPolicy.refusingAll(e.getMessage());
        }
        cache.put(name, new Cached(p.get(), policy));
        return policy;
    }

    private EgressPolicy policyOf(AcmeProvisioner p) {
        JsonNode json = p.json();
        String name = "provisioner \"" + p.name() + "\"";
        // The provisioner's validation block is the documented place; the keys are also read where
        // other per-provisioner keys sit (the provisioner itself) and in step's options block.
        return global.with(json.get("validation"), name + " validation")
                .with(json, name)
                .with(json.get("options"), name + " options")
                .with(json.path("options").get("validation"), name + " options.validation");
    }

    private record Cached(AcmeProvisioner source, EgressPolicy policy) {
    }
}
