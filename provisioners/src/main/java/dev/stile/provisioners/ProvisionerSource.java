package dev.stile.provisioners;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The current {@link ProvisionerRegistry}, replaced atomically on reload (ca.json changed, or
 * SIGHUP). A reload that fails keeps the previous registry and says why, so a typo in ca.json never
 * takes working provisioners away. Who triggers reloads (a file watcher, a signal handler) lives in
 * ca-server.
 */
public final class ProvisionerSource implements Supplier<ProvisionerRegistry> {

    private static final Logger LOG = LoggerFactory.getLogger(ProvisionerSource.class);

    private final Supplier<ProvisionerRegistry> loader;
    private final AtomicReference<ProvisionerRegistry> current;

    /**
     * Loads once now; a failure here is a start-up failure and propagates.
     *
     * @param loader reads ca.json and builds a registry, throwing {@link ProvisionerConfigException}
     *               (or any exception) on invalid configuration
     */
    public ProvisionerSource(Supplier<ProvisionerRegistry> loader) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.current = new AtomicReference<>(Objects.requireNonNull(loader.get(), "loader returned null"));
    }

    /** A fixed registry that never reloads. */
    public static ProvisionerSource fixed(ProvisionerRegistry registry) {
        return new ProvisionerSource(() -> registry);
    }

    /** The registry in force now. Callers take it once per request and use that snapshot. */
    @Override
    public ProvisionerRegistry get() {
        return current.get();
    }

    /**
     * Re-reads the configuration and swaps the registry in when it is valid.
     *
     * @return {@code null} when reloaded, otherwise why the reload was refused (the old set stays)
     */
    public String reload() {
        try {
            ProvisionerRegistry next = Objects.requireNonNull(loader.get(), "loader returned null");
            ProvisionerRegistry previous = current.getAndSet(next);
            LOG.info("provisioners reloaded: {} before, {} now", previous.all().size(), next.all().size());
            return null;
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.error("provisioners NOT reloaded, keeping the previous {}: {}", current.get().all().size(), why);
            return why;
        }
    }
}
