package dev.stile.authority.keys;

import dev.stile.authority.crypto.BouncyCastle;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Key types Stile can generate for its own CA keys ({@code stile init --key-type}). The names are
 * also used for the {@code keyType} column of the certificate inventory.
 */
public enum KeyType {
    EC_P256("EC-P256", "EC", 256, "secp256r1"),
    EC_P384("EC-P384", "EC", 384, "secp384r1"),
    RSA_2048("RSA-2048", "RSA", 2048, null),
    RSA_3072("RSA-3072", "RSA", 3072, null),
    RSA_4096("RSA-4096", "RSA", 4096, null);

    private final String label;
    private final String algorithm;
    private final int size;
    private final String curve;

    KeyType(String label, String algorithm, int size, String curve) {
        this.label = label;
        this.algorithm = algorithm;
        this.size = size;
        this.curve = curve;
    }

    /** The user-facing name, e.g. {@code EC-P256}. */
    public String label() {
        return label;
    }

    /**
     * Parses a user-supplied name, case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static KeyType parse(String text) {
        for (KeyType type : values()) {
            if (type.label.equalsIgnoreCase(text == null ? "" : text.trim())) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown key type '" + text + "'; use one of " + labels());
    }

    /** All labels, comma-separated, for help texts and error messages. */
    public static String labels() {
        return Arrays.stream(values()).map(KeyType::label).collect(Collectors.joining(", "));
    }

    /** Generates a fresh key pair of this type with BouncyCastle. */
    public KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm, BouncyCastle.provider());
            if (curve != null) {
                generator.initialize(new ECGenParameterSpec(curve));
            } else {
                generator.initialize(size);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + label + " key: " + e.getMessage(), e);
        }
    }
}
