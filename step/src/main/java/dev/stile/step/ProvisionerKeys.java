package dev.stile.step;

import dev.stile.core.Page;
import dev.stile.core.PageRequest;
import dev.stile.provisioners.JwkProvisioner;
import dev.stile.provisioners.Provisioner;
import dev.stile.provisioners.ProvisionerRegistry;

import java.util.function.Supplier;

/**
 * {@code GET /provisioners} (one page, each provisioner as configured, {@code encryptedKey}
 * included as step-ca does) and {@code GET /provisioners/{kid}/encrypted-key} (reference 2.5,
 * 2.6): what the step CLI reads to find a provisioner and decrypt its key. Always answered from the
 * registry snapshot in force, so a reload shows on the next request.
 */
public final class ProvisionerKeys {

    private final Supplier<ProvisionerRegistry> provisioners;

    public ProvisionerKeys(Supplier<ProvisionerRegistry> provisioners) {
        this.provisioners = provisioners;
    }

    /**
     * @param cursor the query's {@code cursor}, or null
     * @param limit  the query's {@code limit}, or null
     * @throws StepException BAD_REQUEST for a limit or cursor that does not parse
     */
    public Page<Provisioner> page(String cursor, String limit) {
        PageRequest request;
        try {
            request = ProvisionerRegistry.pageRequest(cursor, limit);
        } catch (IllegalArgumentException e) {
            // step-ca's words for a limit that is not a number.
            throw StepException.badRequest("error converting " + e.getMessage());
        }
        try {
            return provisioners.get().page(request);
        } catch (IllegalArgumentException e) {
            throw StepException.badRequest(e.getMessage());
        }
    }

    /**
     * The JWK provisioner's encrypted private key (a JWE), by the key's id.
     *
     * @throws StepException NOT_FOUND when no JWK provisioner has that kid, or it has no encrypted key
     */
    public String encryptedKey(String kid) {
        return provisioners.get().jwkByKid(kid).flatMap(JwkProvisioner::encryptedKey).orElseThrow(() -> {
            String message = "encrypted key not found for provisioner with kid " + kid;
            return StepException.notFound(message, message);
        });
    }
}
