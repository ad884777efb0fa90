package dev.stile.authority.crypto;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.jca.ProviderContext;

import java.security.Provider;
import java.security.Security;

/**
 * The one BouncyCastle provider of the process, registered once at the end of the provider list.
 * It reads key files and signs and checks what the native provider does not serve, or everything
 * where the native provider is not in use ({@link dev.stile.authority.crypto.CryptoProviders}).
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

    /**
     * A jose4j provider context that makes signature checks with supplied (client) keys use the
     * named provider. Only the supplied-key context is set: that is the one jose4j consults when
     * verifying a signature with a public key it was given.
     */
    public static ProviderContext joseContext(String providerName) {
        if (NAME.equals(providerName)) {
            provider();
        }
        ProviderContext ctx = new ProviderContext();
        ctx.getSuppliedKeyProviderContext().setGeneralProvider(providerName);
        ctx.getGeneralProviderContext().setGeneralProvider(providerName);
        return ctx;
    }
}
