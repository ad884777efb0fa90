package dev.stile.server.authority;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.Provider;
import java.security.Security;

/**
 * The one BouncyCastle provider of the process. Signing and signature checks go through it
 * because it is much faster than JDK 17's SunEC; it is registered once, at the end of the
 * provider list, so it never silently replaces JDK defaults (e.g. for TLS).
 */
public final class BouncyCastle {

    /** Provider name to pass to JCA/JCE builders ({@code setProvider(BouncyCastle.NAME)}). */
    public static final String NAME = BouncyCastleProvider.PROVIDER_NAME;

    private static final Provider PROVIDER = register();

    private BouncyCastle() {
    }

    /** The registered provider; calling this guarantees registration. */
    public static Provider provider() {
        return PROVIDER;
    }

    private static synchronized Provider register() {
        Provider existing = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (existing != null) {
            return existing;
        }
        Provider provider = new BouncyCastleProvider();
        Security.addProvider(provider);
        return provider;
    }
}
