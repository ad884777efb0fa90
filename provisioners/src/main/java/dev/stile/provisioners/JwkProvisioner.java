package dev.stile.provisioners;

import dev.stile.authority.ProvisionerType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.provisioners.claims.Claims;
import org.jose4j.jwk.PublicJsonWebKey;

import java.util.Optional;

/**
 * A JWK provisioner (reference section 4.2): one-time tokens signed by the provisioner's key. The
 * private key is kept only encrypted ({@code encryptedKey}) and served to clients who know the
 * password; the CA itself needs only the public key.
 */
public final class JwkProvisioner extends Provisioner {

    private final PublicJsonWebKey key;
    private final String kid;
    private final String encryptedKey;

    public JwkProvisioner(String name, String configuredType, Claims claims, ObjectNode json,
                          PublicJsonWebKey key, String kid, String encryptedKey) {
        super(name, configuredType, claims, json);
        this.key = key;
        this.kid = kid;
        this.encryptedKey = encryptedKey;
    }

    @Override
    public ProvisionerType type() {
        return ProvisionerType.JWK;
    }

    @Override
    public String id() {
        return name() + ":" + kid;
    }

    @Override
    public String credentialId() {
        return kid;
    }

    /** The public key that verifies this provisioner's tokens. */
    public PublicJsonWebKey key() {
        return key;
    }

    /** The key ID: the token header's {@code kid} and the path of {@code /provisioners/{kid}/encrypted-key}. */
    public String kid() {
        return kid;
    }

    /** The compact JWE of the private key, when configured. */
    public Optional<String> encryptedKey() {
        return Optional.ofNullable(encryptedKey);
    }
}
