package dev.stile.step;

import dev.stile.authority.CertificateExtensions;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CA's own certificates as step-ca hands them out unauthenticated (reference 2.3, 2.4): the
 * roots, the issuing chain, the federation (roots plus {@code federatedRoots}) and one root by its
 * SHA-256 fingerprint, which clients bootstrap trust from.
 */
public final class CaCertificates {

    private final List<X509Certificate> roots;
    private final List<X509Certificate> intermediates;
    private final List<X509Certificate> federation;

    /**
     * @param roots          configured roots
     * @param intermediates  the issuing chain from the {@code crt} file
     * @param federatedRoots extra roots from {@code federatedRoots}
     */
    public CaCertificates(List<X509Certificate> roots, List<X509Certificate> intermediates,
                          List<X509Certificate> federatedRoots) {
        this.roots = List.copyOf(roots);
        this.intermediates = List.copyOf(intermediates);
        List<X509Certificate> all = new ArrayList<>(roots);
        all.addAll(federatedRoots);
        this.federation = List.copyOf(all);
    }

    /** @throws StepException NOT_IMPLEMENTED when there are none (step-ca's answer) */
    public List<X509Certificate> roots() {
        return nonEmpty(roots, "roots");
    }

    /** @throws StepException NOT_IMPLEMENTED when there are none (e.g. some RA modes in step-ca) */
    public List<X509Certificate> intermediates() {
        return nonEmpty(intermediates, "intermediates");
    }

    /** @throws StepException NOT_IMPLEMENTED when there are none */
    public List<X509Certificate> federation() {
        return nonEmpty(federation, "federation");
    }

    /**
     * The root or federated root whose SHA-256 fingerprint is {@code sha256} (hex, any case,
     * {@code -} separators allowed, as step-ca accepts it).
     *
     * @throws StepException NOT_FOUND when none matches
     */
    public X509Certificate root(String sha256) {
        String sum = sha256.toLowerCase(Locale.ROOT).replace("-", "");
        for (X509Certificate root : federation) {
            if (CertificateExtensions.sha256Fingerprint(root).equals(sum)) {
                return root;
            }
        }
        String message = "root certificate with fingerprint \"" + sum + "\" was not found";
        throw StepException.notFound(message, message);
    }

    private static List<X509Certificate> nonEmpty(List<X509Certificate> certificates, String what) {
        if (certificates.isEmpty()) {
            throw StepException.notImplemented("this CA has no " + what + " to list");
        }
        return certificates;
    }
}
