package dev.stile.authority;

import dev.stile.authority.keys.PublicKeys;
import dev.stile.authority.keys.SignatureAlgorithms;
import dev.stile.authority.ProvisionerExtension;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Date;

/**
 * Builds and signs leaf certificates with step-ca's default leaf template (step-ca-api.md 9.1):
 * subject CN only, SANs, keyUsage digitalSignature (+ keyEncipherment for RSA keys), extKeyUsage
 * serverAuth+clientAuth, SKI, AKI = issuer SKI, provisioner extension, and the CRL distribution point
 * when the CA serves a CRL. No basicConstraints.
 */
final class LeafCertificateFactory {

    private final X509Certificate issuer;
    private final PrivateKey issuerKey;
    private final CRLDistPoint crlDistributionPoint;
    /** The issuer's name and key identifier, read from its certificate once instead of per leaf. */
    private final X500Name issuerName;
    private final AuthorityKeyIdentifier authorityKeyIdentifier;

    /** @param crlUrl the CA's CRL, named in every leaf, or {@code null} */
    LeafCertificateFactory(X509Certificate issuer, PrivateKey issuerKey, String crlUrl) {
        this.issuer = issuer;
        this.issuerKey = issuerKey;
        this.issuerName = X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        this.authorityKeyIdentifier = CertificateExtensions.authorityKeyIdentifier(issuer);
        this.crlDistributionPoint = crlUrl == null ? null : new CRLDistPoint(new DistributionPoint[] {
                new DistributionPoint(new DistributionPointName(new GeneralNames(
                        new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl))), null, null)});
    }

    X509Certificate sign(BigInteger serial, IssueRequest request, Validity validity) {
        PublicKey key = request.publicKey();
        X500NameBuilder subjectBuilder = new X500NameBuilder(BCStyle.INSTANCE);
        if (!request.commonName().isEmpty()) {
            subjectBuilder.addRDN(BCStyle.CN, request.commonName());
        }
        X500Name subject = subjectBuilder.build();
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, serial,
                    Date.from(validity.notBefore()), Date.from(validity.notAfter()), subject, key);
            int usage = KeyUsage.digitalSignature | (PublicKeys.isRsa(key) ? KeyUsage.keyEncipherment : 0);
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectKeyIdentifier, false, CertificateExtensions.subjectKeyIdentifier(key));
            builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier);
            if (!request.sans().isEmpty()) {
                // RFC 5280 4.2.1.6: with an empty subject the SAN extension must be critical.
                builder.addExtension(Extension.subjectAlternativeName, request.commonName().isEmpty(),
                        request.sans().toGeneralNames());
            }
            if (crlDistributionPoint != null) {
                builder.addExtension(Extension.cRLDistributionPoints, false, crlDistributionPoint);
            }
            builder.addExtension(ProvisionerExtension.OID, false, request.provisioner().extension().encode());
            // A ContentSigner is stateful; one per certificate keeps concurrent issuance safe.
            ContentSigner signer = SignatureAlgorithms.signer(issuerKey, issuer.getPublicKey());
            X509CertificateHolder holder = builder.build(signer);
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertIOException | CertificateException e) {
            throw AuthorityException.internal("cannot build the certificate: " + e.getMessage(), e);
        }
    }
}
