package dev.stile.acme.service;

import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.validation.ChallengeValidator;

import java.util.Map;
import java.util.Optional;

/**
 * Which validator checks a challenge and on which retry schedule, per ACME provisioner: each
 * provisioner may have its own resolvers, ports and retry window (falling back to the global
 * {@code validation} block), so the {@link ValidationRunner} asks here for every attempt.
 */
public interface ValidationPolicies {

    /** The validator for this provisioner's challenges of this type, if any is configured. */
    Optional<ChallengeValidator> validator(String provisioner, ChallengeType type);

    /** The retry schedule of this provisioner's challenges. */
    RetrySchedule schedule(String provisioner);

    /** The issuer domain names a dns-persist-01 record must name for this provisioner (draft-ietf-acme-dns-persist-02 §3.1). */
    default java.util.List<String> issuerDomainNames(String provisioner) {
        return java.util.List.of();
    }

    /** The same validators and schedule for every provisioner. */
    static ValidationPolicies fixed(Map<ChallengeType, ChallengeValidator> validators, RetrySchedule schedule) {
        Map<ChallengeType, ChallengeValidator> copy = Map.copyOf(validators);
        return new ValidationPolicies() {
            @Override
            public Optional<ChallengeValidator> validator(String provisioner, ChallengeType type) {
                return Optional.ofNullable(copy.get(type));
            }

            @Override
            public RetrySchedule schedule(String provisioner) {
                return schedule;
            }
        };
    }
}
