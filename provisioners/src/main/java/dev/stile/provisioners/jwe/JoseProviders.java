package dev.stile.provisioners.jwe;

import dev.stile.authority.crypto.CryptoProviders;
import org.jose4j.jca.ProviderContext;

import java.security.Provider;

/**
 * BouncyCastle for the JOSE operations off the hot path (JWE key files, CLI and admin tokens): its
 * ECDSA is much faster than JDK 17's SunEC. Token checks on {@code /sign} go through
 * {@link CryptoProviders#joseContext(String)} instead, which prefers the native provider.
 */
public final class JoseProviders {

    private static final Provider BC = CryptoProviders.bouncyCastle();

    private JoseProviders() {
    }

    /** The registered BouncyCastle provider. */
    public static Provider bouncyCastle() {
        return BC;
    }

    /** A jose4j provider context that makes signatures, key factories and ciphers use BouncyCastle. */
    public static ProviderContext context() {
        ProviderContext ctx = new ProviderContext();
        ctx.getSuppliedKeyProviderContext().setGeneralProvider(BC.getName());
        ctx.getGeneralProviderContext().setGeneralProvider(BC.getName());
        return ctx;
    }
}
