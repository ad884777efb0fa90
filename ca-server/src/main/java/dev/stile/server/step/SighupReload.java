package dev.stile.server.step;

import dev.stile.provisioners.ProvisionerSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP reloads the provisioners from ca.json, as it does for step-ca (reference 5.4). The
 * listener keeps running; a ca.json that does not load leaves the previous provisioners in force.
 */
public final class SighupReload {

    private static final Logger LOG = LoggerFactory.getLogger(SighupReload.class);

    private SighupReload() {
    }

    /** Installs the handler; on platforms without SIGHUP it logs and does nothing. */
    public static void install(ProvisionerSource provisioners) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
                LOG.info("SIGHUP: reloading provisioners");
                provisioners.reload();
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.info("SIGHUP is not available here ({}); provisioners still reload when ca.json changes",
                    e.getMessage());
        }
    }
}
