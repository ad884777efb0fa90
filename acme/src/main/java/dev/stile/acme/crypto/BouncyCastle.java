package dev.stile.acme.crypto;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.jca.ProviderContext;

import java.security.Provider;
import java.security.Security;

/**
 * The BouncyCastle provider, registered once per JVM. It verifies ES256 about 14 times faster than
 * JDK 17's SunEC on our hardware (issue 3, "Speed"); where the native provider runs, JWS and CSR
 * checks go to it instead (see {@link dev.stile.authority.crypto.CryptoProviders}) and
 * BouncyCastle keeps what it does not serve (EdDSA, RSA-PSS, the key-change inner JWS).
 */
public final class BouncyCastle {

    /** The provider name, {@code BC}. */
    public static final String NAME = BouncyCastleProvider.PROVIDER_NAME;

    private BouncyCastle() {
    }

    /** The registered provider, registering it on first use. */
    public static synchronized Provider provider() {
        Provider p = Security.getProvider(NAME);
        if (p == null) {
            p = new BouncyCastleProvider();
            Security.addProvider(p);
        }
        return p;
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
