package dev.stile.authority;

import dev.stile.authority.ProvisionerExtension;
import dev.stile.authority.ProvisionerType;

import java.util.Objects;

/**
 * The provisioner that authorised an issuance, as written into the certificate's provisioner
 * extension (step-ca-api.md 4.7) and into the inventory.
 *
 * @param name         provisioner name
 * @param type         provisioner type as configured ({@code JWK}, {@code ACME}, {@code X5C}, ...)
 * @param credentialId JWK: the key's {@code kid}; empty for the other types
 */
public record ProvisionerIdentity(String name, String type, String credentialId) {

    public ProvisionerIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        credentialId = credentialId == null ? "" : credentialId;
    }

    /**
     * The provisioner extension to write into an issued certificate; a type step does not know
     * (e.g. the server's own certificate) gets code 0.
     */
    public ProvisionerExtension extension() {
        return new ProvisionerExtension(ProvisionerType.parse(type), name, credentialId);
    }
}
