package dev.stile.authority;

import dev.stile.authority.keys.KeyMaterial;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A freshly signed certificate, already saved in the inventory.
 *
 * @param leaf  the certificate
 * @param chain the leaf followed by the intermediates, never the root (what step-ca serves as
 *              {@code certChain} and ACME as the certificate download)
 */
public record IssuedCertificate(X509Certificate leaf, List<X509Certificate> chain) {

    public IssuedCertificate {
        chain = List.copyOf(chain);
    }

    /** Serial as lower-case hex, the inventory key. */
    public String serialHex() {
        return Serials.toHex(leaf.getSerialNumber());
    }

    /** The intermediates of the chain (step-ca's {@code ca} field is the first of them). */
    public List<X509Certificate> intermediates() {
        return chain.subList(1, chain.size());
    }

    public String leafPem() {
        return KeyMaterial.toPem(leaf);
    }

    /** Leaf and intermediates, PEM, in chain order. */
    public String chainPem() {
        return KeyMaterial.toPem(chain);
    }
}
