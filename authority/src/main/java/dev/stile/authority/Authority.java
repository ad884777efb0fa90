package dev.stile.authority;

import dev.stile.authority.keys.KeyMaterial;
import dev.stile.authority.keys.PublicKeys;
import dev.stile.authority.keys.SignatureAlgorithms;
import dev.stile.authority.crypto.CryptoProviders;
import dev.stile.authority.crypto.NativeKeys;
import dev.stile.authority.inventory.CertificateRecord;
import dev.stile.authority.inventory.CertificateStore;

import javax.security.auth.x500.X500Principal;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The CA role: signs leaf certificates with the intermediate key and records each one in the
 * inventory before handing it out. It knows nothing of HTTP, tokens or JDBC; callers authorise a
 * request first and map {@link AuthorityException} categories to status codes.
 */
public final class Authority {

    private final List<X509Certificate> roots;
    private final List<X509Certificate> intermediates;
    private final CertificateStore store;
    private final Clock clock;
    private final LeafCertificateFactory factory;
    private final String rootFingerprint;

    /**
     * @param roots           trusted roots; the first is "the" root (step's {@code root})
     * @param intermediates   the issuing certificate first, then any further chain certificates
     *                        (step's {@code crt} file), never the root
     * @param intermediateKey private key of {@code intermediates.get(0)}
     * @throws IllegalArgumentException if a list is empty or the key does not match the certificate
     */
    public Authority(List<X509Certificate> roots, List<X509Certificate> intermediates, PrivateKey intermediateKey,
                     CertificateStore store, Clock clock) {
        this(roots, intermediates, intermediateKey, store, clock, null);
    }

    /**
     * @param crlDistributionPoint URL of the CA's CRL written into every leaf (RFC 5280 §4.2.1.13),
     *                             or {@code null} when the CA serves no CRL
     */
    public Authority(List<X509Certificate> roots, List<X509Certificate> intermediates, PrivateKey intermediateKey,
                     CertificateStore store, Clock clock, String crlDistributionPoint) {
        if (roots == null || roots.isEmpty()) {
            throw new IllegalArgumentException("at least one root certificate is required");
        }
        if (intermediates == null || intermediates.isEmpty()) {
            throw new IllegalArgumentException("the intermediate certificate is required");
        }
        this.roots = List.copyOf(roots);
        this.intermediates = List.copyOf(intermediates);
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        requireMatchingKey(this.intermediates.get(0), Objects.requireNonNull(intermediateKey, "intermediateKey"));
        this.factory = new LeafCertificateFactory(this.intermediates.get(0), intermediateKey, crlDistributionPoint);
        this.rootFingerprint = CertificateExtensions.sha256Fingerprint(this.roots.get(0));
    }

    /**
     * Checks the request (the caller's {@link IssuancePolicy} for names and validity, then the key
     * rule), signs the certificate, saves it to the inventory and returns it with its chain.
     * Nothing is returned unless the inventory accepted the record.
     *
     * @throws AuthorityException bad request / forbidden for unacceptable requests, internal if
     *                            signing or storing failed
     */
    public IssuedCertificate issue(IssueRequest request) {
        request.policy().checkNames(request.commonName(), request.sans());
        PublicKeys.requireAcceptable(request.publicKey());
        if (request.commonName().isEmpty() && request.sans().isEmpty()) {
            throw AuthorityException.badRequest("the certificate would name nobody: no common name and no "
                    + "subject alternative names");
        }
        Instant now = clock.instant();
        Validity validity = request.policy().validity(now, request.requestedNotBefore(), request.requestedNotAfter());
        BigInteger serial = Serials.random();
        X509Certificate leaf = factory.sign(serial, request, validity);
        save(leaf, request, now);
        List<X509Certificate> chain = new ArrayList<>(intermediates.size() + 1);
        chain.add(leaf);
        chain.addAll(intermediates);
        return new IssuedCertificate(leaf, chain);
    }

    private void save(X509Certificate leaf, IssueRequest request, Instant now) {
        CertificateRecord record = new CertificateRecord(
                Serials.toHex(leaf.getSerialNumber()),
                leaf.getSubjectX500Principal().getName(X500Principal.RFC2253),
                request.sans().toTypedStrings(),
                leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant(),
                request.provisioner().name(),
                request.provisioner().type(),
                request.requester(),
                PublicKeys.describe(request.publicKey()),
                KeyMaterial.toPem(leaf),
                now,
                request.profile());
        try {
            store.save(record);
        } catch (RuntimeException e) {
            // Whether the row was committed is unknown when the connection broke during the
            // commit; certain is only that nobody receives this certificate.
            throw AuthorityException.internal("certificate " + record.serial()
                    + " was signed but not handed out, because the inventory did not confirm storing it: "
                    + e.getMessage(), e);
        }
    }

    /** Trusted roots, "the" root first. */
    public List<X509Certificate> roots() {
        return roots;
    }

    /** The issuing intermediate first, then further chain certificates; never the root. */
    public List<X509Certificate> intermediates() {
        return intermediates;
    }

    /** Lower-case hex SHA-256 of the first root's DER (step's fingerprint). */
    public String rootFingerprint() {
        return rootFingerprint;
    }

    private static void requireMatchingKey(X509Certificate certificate, PrivateKey key) {
        byte[] probe = "stile key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            String algorithm = SignatureAlgorithms.forIssuer(certificate.getPublicKey());
            Signature signer = Signature.getInstance(algorithm, CryptoProviders.forSignature(algorithm, key));
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            PublicKey publicKey = NativeKeys.forVerifying(certificate.getPublicKey());
            Signature verifier = Signature.getInstance(algorithm, CryptoProviders.forSignature(algorithm, publicKey));
            verifier.initVerify(publicKey);
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("the intermediate key does not fit the intermediate certificate "
                    + certificate.getSubjectX500Principal().getName() + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("the intermediate key does not belong to the intermediate certificate "
                + certificate.getSubjectX500Principal().getName());
    }
}
