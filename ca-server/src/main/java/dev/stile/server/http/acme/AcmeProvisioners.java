package dev.stile.server.http.acme;

import dev.stile.acme.service.AcmeProvisionerSettings;

import java.util.Optional;

/**
 * Resolves the {@code {provisioner}} path segment of an ACME URL. Looked up on every request so
 * that a provisioner reload takes effect without a restart.
 */
@FunctionalInterface
public interface AcmeProvisioners {

    /**
     * @return the settings of the ACME provisioner with this name; empty when no provisioner has
     *         the name (answered with step-ca's 404 admin error)
     * @throws dev.stile.acme.problem.AcmeException {@code unauthorized} when the provisioner exists
     *                                              but is not of type ACME
     */
    Optional<AcmeProvisionerSettings> find(String name);
}
