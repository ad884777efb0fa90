package dev.stile.authority.crl;

import dev.stile.authority.CertificateExtensions;
import dev.stile.authority.keys.SignatureAlgorithms;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.X509v2CRLBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;

/**
 * Builds and signs the CA's CRL (RFC 5280 §5) with the issuing intermediate: CRL number,
 * authority key identifier and a critical issuing distribution point naming the URL the leaves
 * carry. Deciding when to build one and which entries it lists (scheduling, caching, dropping
 * long-expired entries) is the caller's business.
 */
public final class CrlSigner {

    private final X509Certificate issuer;
    private final PrivateKey issuerKey;
    private final String distributionPoint;

    /**
     * @param issuer            the certificate that signs the CRL (the intermediate)
     * @param issuerKey         its private key
     * @param distributionPoint the URL in the issuing distribution point extension
     */
    public CrlSigner(X509Certificate issuer, PrivateKey issuerKey, String distributionPoint) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.issuerKey = Objects.requireNonNull(issuerKey, "issuerKey");
        this.distributionPoint = Objects.requireNonNull(distributionPoint, "distributionPoint");
    }

    /** Starts a CRL valid from {@code thisUpdate} to {@code nextUpdate}; add entries, then sign it. */
    public Draft start(Instant thisUpdate, Instant nextUpdate) {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(
                X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        return new Draft(builder);
    }

    /** A CRL being filled, entry by entry, so the caller can page through its revocations. */
    public final class Draft {

        private final X509v2CRLBuilder builder;

        private Draft(X509v2CRLBuilder builder) {
            this.builder = builder;
        }

        /** Lists a revoked certificate with its RFC 5280 reason code. */
        public Draft add(BigInteger serial, Instant revokedAt, int reasonCode) {
            builder.addCRLEntry(serial, Date.from(revokedAt), reasonCode);
            return this;
        }

        /** The signed CRL, DER-encoded. */
        public byte[] sign(BigInteger crlNumber) {
            try {
                builder.addExtension(Extension.cRLNumber, false, new CRLNumber(crlNumber));
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        CertificateExtensions.authorityKeyIdentifier(issuer));
                GeneralNames uri = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
                        distributionPoint));
                builder.addExtension(Extension.issuingDistributionPoint, true, new IssuingDistributionPoint(
                        new DistributionPointName(uri), false, false, null, false, false));
                return builder.build(SignatureAlgorithms.signer(issuerKey, issuer.getPublicKey())).getEncoded();
            } catch (IOException e) {
                throw new IllegalStateException("cannot encode the CRL: " + e.getMessage(), e);
            }
        }
    }
}
