package dev.stile.authority.init;

import java.nio.file.Path;

/**
 * The files {@link CaInitializer} wrote (absolute paths, step's layout) and the root fingerprint.
 */
public record InitResult(Path dir, Path caConfig, Path defaults, Path rootCertificate, Path intermediateCertificate,
                         Path rootKey, Path intermediateKey, Path database, String rootFingerprint,
                         String provisionerKid) {
}
