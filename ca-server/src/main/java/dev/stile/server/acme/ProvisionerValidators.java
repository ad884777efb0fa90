package dev.stile.server.acme;

import dev.stile.acme.validation.dns.PersistRecord;
import dev.stile.acme.port.AcmeEvents;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.problem.AcmeProblem;
import dev.stile.acme.service.ClientPatience;
import dev.stile.acme.service.RetrySchedule;
import dev.stile.acme.service.ValidationPolicies;
import dev.stile.acme.validation.ChallengeValidator;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationSettings;
import dev.stile.net.Validators;
import dev.stile.acme.validation.egress.EgressPolicies;
import dev.stile.provisioners.AcmeProvisioner;
import dev.stile.server.limits.AcmeRateLimits;
import dev.stile.server.limits.FailureCountingValidator;
import dev.stile.provisioners.Provisioner;
import dev.stile.provisioners.ProvisionerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Validators per ACME provisioner: a provisioner with its own {@code validation} block (resolvers,
 * zones, authoritative, retryWindow, ports, and any key the global block knows) gets validators
 * built from the global block with those keys replaced; the others share the global validators.
 * Built once per distinct block and rebuilt when a reload changes it, so the cache holds at most
 * one entry per configured provisioner. The same merge serves {@code stile doctor validate
 * --provisioner}, through {@link #settingsFor}.
 */
public final class ProvisionerValidators implements ValidationPolicies, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProvisionerValidators.class);

    private final JsonNode globalBlock;
    private final ValidationSettings global;
    private final Validators globalValidators;
    private final Supplier<ProvisionerRegistry> registry;
    private final Function<ValidationSettings, Validators> factory;
    private final Function<Map<ChallengeType, ChallengeValidator>, Map<ChallengeType, ChallengeValidator>> decorate;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    private final Entry globalEntry;

    /**
     * @param globalBlock the raw global {@code validation} block (may be {@code null})
     * @param global      the global settings as the server uses them (with {@code --resolver} applied)
     * @param decorate    wraps each provisioner's validators (reporting to metrics)
     */
    ProvisionerValidators(JsonNode globalBlock, ValidationSettings global, Supplier<ProvisionerRegistry> registry,
                          Function<ValidationSettings, Validators> factory,
                          Function<Map<ChallengeType, ChallengeValidator>, Map<ChallengeType, ChallengeValidator>> decorate) {
        this.globalBlock = globalBlock;
        this.global = global;
        this.registry = registry;
        this.factory = factory;
        this.decorate = decorate;
        this.globalValidators = factory.apply(global);
        this.globalEntry = new Entry(null, global, decorate.apply(globalValidators.all()), null);
    }

    /** The validators of the global block (CAA checking, provisioners without a block of their own). */
    Validators global() {
        return globalValidators;
    }

    /**
     * @param egress the egress policy of each provisioner's validations (the global lists plus its
     *               own); the same for every set of validators, which look it up by provisioner
     * @param limits counts failed validations per account and name
     */
    static ProvisionerValidators create(JsonNode globalBlock, ValidationSettings global,
                                        Supplier<ProvisionerRegistry> registry, Clock clock, AcmeEvents events,
                                        EgressPolicies egress, AcmeRateLimits limits) {
        // Failed attempts count against the failed-validation limit; every outcome reaches the metrics.
        return new ProvisionerValidators(globalBlock, global, registry, s -> Validators.create(s, clock, egress),
                m -> FailureCountingValidator.wrap(ReportingValidator.wrap(m, events), limits));
    }

    /**
     * The settings of {@code provisioner}: the global ones when it has no {@code validation} block.
     * A provisioner that sets no {@code resolvers} keeps the global resolvers ({@code --resolver} included).
     *
     * @throws IllegalArgumentException one sentence naming the provisioner and key when its block is wrong
     */
    public static ValidationSettings settingsFor(JsonNode globalBlock, ValidationSettings global, JsonNode provisionerBlock,
                                          String provisioner) {
        if (provisionerBlock == null || provisionerBlock.isNull() || provisionerBlock.isMissingNode()) {
            return global;
        }
        ValidationSettings merged = ValidationSettings.parse(globalBlock, provisionerBlock, provisioner);
        return provisionerBlock.has("resolvers") ? merged : merged.withResolvers(global.resolvers());
    }

    /** The {@code validation} block of an ACME provisioner, or {@code null}. */
    static JsonNode blockOf(Provisioner p) {
        JsonNode b = p.json() == null ? null : p.json().get("validation");
        return b == null || b.isNull() ? null : b;
    }

    /**
     * Checks every ACME provisioner's block at start-up and warns about retry windows longer than
     * clients wait, so a mistake stops the server rather than failing challenges later.
     */
    void checkAll() {
        ClientPatience.warning(RetrySchedule.of(global.retryWindow()), "validation.retryWindow").ifPresent(LOG::warn);
        for (Provisioner p : registry.get().all()) {
            if (p instanceof AcmeProvisioner && blockOf(p) != null) {
                ValidationSettings s = settingsFor(globalBlock, global, blockOf(p), p.name());
                ClientPatience.warning(RetrySchedule.of(s.retryWindow()),
                        "the retryWindow of ACME provisioner " + p.name()).ifPresent(LOG::warn);
            }
        }
    }

    @Override
    public Optional<ChallengeValidator> validator(String provisioner, ChallengeType type) {
        return Optional.ofNullable(entry(provisioner).validators.get(type));
    }

    @Override
    public RetrySchedule schedule(String provisioner) {
        return RetrySchedule.of(entry(provisioner).settings.retryWindow());
    }

    /** The provisioner's caaIdentities in the draft's normal form: lower case, no trailing dot, at most 10. */
    @Override
    public List<String> issuerDomainNames(String provisioner) {
        return registry.get().byName(provisioner).filter(AcmeProvisioner.class::isInstance)
                .map(p -> PersistRecord.issuerDomainNames(((AcmeProvisioner) p).caaIdentities())).orElse(List.of());
    }


    private Entry entry(String provisioner) {
        Optional<Provisioner> p = registry.get().byName(provisioner);
        JsonNode block = p.filter(AcmeProvisioner.class::isInstance).map(ProvisionerValidators::blockOf).orElse(null);
        if (block == null) {
            Entry dropped = cache.remove(provisioner);
            if (dropped != null) {
                dropped.close();
            }
            return globalEntry;
        }
        Entry hit = cache.get(provisioner);
        if (hit != null && Objects.equals(hit.block, block)) {
            return hit;
        }
        Entry fresh = build(provisioner, block);
        Entry old = cache.put(provisioner, fresh);
        if (old != null) {
            old.close();
        }
        return fresh;
    }

    private Entry build(String provisioner, JsonNode block) {
        try {
            ValidationSettings s = settingsFor(globalBlock, global, block, provisioner);
            Validators v = factory.apply(s);
            return new Entry(block, s, decorate.apply(v.all()), v);
        } catch (IllegalArgumentException e) {
            // A reload brought a wrong block: the challenges of this provisioner fail with the reason.
            LOG.error("{}; its challenges fail until ca.json is fixed", e.getMessage());
            Map<ChallengeType, ChallengeValidator> refusing = new java.util.EnumMap<>(ChallengeType.class);
            for (ChallengeType t : ChallengeType.values()) {
                refusing.put(t, refusing(t, e.getMessage()));
            }
            return new Entry(block, global, refusing, null);
        }
    }

    private static ChallengeValidator refusing(ChallengeType type, String why) {
        return new ChallengeValidator() {
            @Override
            public ChallengeType type() {
                return type;
            }

            @Override
            public ValidationOutcome validate(dev.stile.acme.validation.ValidationTarget target) {
                return ValidationOutcome.invalid(AcmeProblem.SERVER_INTERNAL.withDetail(
                        "the CA's validation settings are wrong: " + why), List.of());
            }
        };
    }

    @Override
    public void close() {
        cache.values().forEach(Entry::close);
        cache.clear();
        globalValidators.close();
    }

    private record Entry(JsonNode block, ValidationSettings settings, Map<ChallengeType, ChallengeValidator> validators,
                         Validators owned) {
        void close() {
            if (owned != null) {
                owned.close();
            }
        }
    }
}
