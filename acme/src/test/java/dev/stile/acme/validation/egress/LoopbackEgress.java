package dev.stile.acme.validation.egress;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The egress policy tests use for responders on loopback: the built-in policy with
 * {@code allowNetworks: ["127.0.0.0/8", "::1/128"]}, as a test ca.json says it.
 */
public final class LoopbackEgress {

    private LoopbackEgress() {
    }

    public static EgressPolicy policy() {
        try {
            return EgressPolicy.defaults().with(new ObjectMapper().readTree(
                    "{\"allowNetworks\": [\"127.0.0.0/8\", \"::1/128\"]}"), "validation");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static EgressPolicies policies() {
        return EgressPolicies.global(policy());
    }
}
