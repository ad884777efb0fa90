package dev.stile.server.acme;

import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.service.AcmeProvisionerSettings;
import dev.stile.provisioners.AcmeProvisioner;
import dev.stile.provisioners.Provisioner;
import dev.stile.provisioners.ProvisionerRegistry;
import dev.stile.server.http.acme.AcmeProvisioners;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * ACME provisioners from the provisioner registry. The registry is asked on every request (it may
 * be reloaded); the mapped settings are cached per provisioner object, so a reload that replaces
 * the provisioner also replaces its settings. The cache holds one entry per configured provisioner.
 */
public final class RegistryAcmeProvisioners implements AcmeProvisioners {

    private final Supplier<ProvisionerRegistry> registry;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public RegistryAcmeProvisioners(Supplier<ProvisionerRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public Optional<AcmeProvisionerSettings> find(String name) {
        ProvisionerRegistry current = registry.get();
        Optional<Provisioner> p = current.byName(name);
        if (p.isEmpty()) {
            cache.remove(name);
            return Optional.empty();
        }
        if (!(p.get() instanceof AcmeProvisioner)) {
            throw AcmeException.unauthorized("provisioner " + name + " must be of type ACME, not "
                    + p.get().configuredType());
        }
        AcmeProvisioner acme = (AcmeProvisioner) p.get();
        Cached hit = cache.get(name);
        if (hit != null && hit.source == acme) {
            return Optional.of(hit.settings);
        }
        AcmeProvisionerSettings settings = AcmeSettingsMapper.map(acme);
        if (cache.size() < Math.max(64, current.all().size())) {
            cache.put(name, new Cached(acme, settings));
        }
        return Optional.of(settings);
    }

    private record Cached(AcmeProvisioner source, AcmeProvisionerSettings settings) {
    }
}
