package dev.stile.acme.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An External Account Binding key (RFC 8555 §7.3.4), created by an operator for one provisioner.
 *
 * @param keyId          the key identifier the client sends as {@code kid}
 * @param provisioner    the ACME provisioner it is valid for
 * @param hmacKey        the MAC key bytes
 * @param boundAccountId the account it was bound to, or {@code null} while unused
 * @param createdAt      creation time
 */
public record EabKey(String keyId, String provisioner, byte[] hmacKey, String boundAccountId, Instant createdAt) {

    public EabKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(hmacKey, "hmacKey");
        hmacKey = hmacKey.clone();
    }

    @Override
    public byte[] hmacKey() {
        return hmacKey.clone();
    }
}
