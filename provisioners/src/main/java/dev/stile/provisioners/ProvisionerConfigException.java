package dev.stile.provisioners;

/**
 * ca.json describes a provisioner (or claims, or policy) Stile cannot use. The message names the
 * JSON location, e.g. {@code authority.provisioners[1] (JWK "k8s"): encryptedKey is not a compact JWE ...}.
 */
public final class ProvisionerConfigException extends RuntimeException {

    public ProvisionerConfigException(String message) {
        super(message);
    }

    public ProvisionerConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
