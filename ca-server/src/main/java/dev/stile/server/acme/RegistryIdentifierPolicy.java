package dev.stile.server.acme;

import dev.stile.acme.model.Identifier;
import dev.stile.acme.port.IdentifierPolicy;
import dev.stile.provisioners.AuthorizationException;
import dev.stile.provisioners.ProvisionerRegistry;
import dev.stile.provisioners.sign.CertificateNames;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The ACME provisioner's x509 policy, then the authority's, from the registry snapshot in force
 * (so an admin's policy change applies to the next order), as /sign checks them.
 */
public final class RegistryIdentifierPolicy implements IdentifierPolicy {

    private final Supplier<ProvisionerRegistry> registry;

    public RegistryIdentifierPolicy(Supplier<ProvisionerRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public String refusal(String provisioner, List<Identifier> identifiers) {
        return refusal(provisioner, null, identifiers);
    }

    /** As {@link #refusal(String, List)}, with the CSR's common name checked too (finalize). */
    public String refusal(String provisioner, String commonName, List<Identifier> identifiers) {
        ProvisionerRegistry r = registry.get();
        List<String> sans = new ArrayList<>();
        identifiers.forEach(id -> sans.add(id.value()));
        CertificateNames names = CertificateNames.fromSans(commonName == null ? "" : commonName, sans);
        try {
            r.byName(provisioner).ifPresent(p -> p.policy().check(names));
            r.authorityPolicy().check(names);
            return null;
        } catch (AuthorizationException e) {
            return e.getMessage();
        }
    }
}
