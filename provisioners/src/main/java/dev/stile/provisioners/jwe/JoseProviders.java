package dev.stile.provisioners.jwe;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.jca.ProviderContext;

import java.security.Provider;
import java.security.Security;

/**
 * BouncyCastle for every JOSE operation: its ECDSA verification is about 14x faster than JDK 17's
 * SunEC on this hardware, and tokens are verified on every {@code /sign}.
 */
public final class JoseProviders {

    private static final Provider BC = register();

    private JoseProviders() {
    }

    private static synchronized Provider register() {
        Provider existing = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (existing != null) {
            return existing;
        }
        Provider bc = new BouncyCastleProvider();
        Security.addProvider(bc);
        return bc;
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
