package dev.stile.acme.validation.egress;

/**
 * The egress policy for a validation on behalf of an ACME provisioner: the global one from ca.json's
 * {@code validation} block, plus the provisioner's own {@code allowNetworks}/{@code denyNetworks}.
 */
@FunctionalInterface
public interface EgressPolicies {

    /** @param provisioner the ACME provisioner's name, or {@code null} when unknown */
    EgressPolicy forProvisioner(String provisioner);

    /** The same policy for every provisioner. */
    static EgressPolicies global(EgressPolicy policy) {
        return provisioner -> policy;
    }
}
