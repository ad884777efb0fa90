package dev.stile.acme.testing;

import dev.stile.authority.crypto.BouncyCastle;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/** Account and certificate keys for tests. */
public final class TestKeys {

    private TestKeys() {
    }

    public static PublicJsonWebKey ec256() {
        return ec(EllipticCurves.P256);
    }

    public static PublicJsonWebKey ec(java.security.spec.ECParameterSpec curve) {
        try {
            return EcJwkGenerator.generateJwk(curve);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PublicJsonWebKey rsa(int bits) {
        try {
            return RsaJwkGenerator.generateJwk(bits);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PublicJsonWebKey ed25519() {
        try {
            BouncyCastle.provider();
            return OkpJwkGenerator.generateJwk("Ed25519");
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
