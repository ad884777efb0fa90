package dev.stile.authority.csr;

import dev.stile.authority.AuthorityException;
import dev.stile.authority.SubjectAlternativeNames;
import dev.stile.authority.crypto.BouncyCastle;
import dev.stile.authority.crypto.CryptoProviders;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;

/**
 * Parses PKCS#10 certificate requests (PEM or DER) and verifies their signature with
 * BouncyCastle. All failures are {@link AuthorityException} bad requests with a clear message.
 */
public final class CsrChecks {

    /** Requests are a few kB; a bound keeps a hostile body from costing parse time. */
    public static final int MAX_CSR_BYTES = 64 * 1024;

    private CsrChecks() {
    }

    /** Parses a PEM ({@code CERTIFICATE REQUEST} or {@code NEW CERTIFICATE REQUEST}) request. */
    public static CertificateRequest parsePem(String pem) {
        if (pem == null || pem.isBlank()) {
            throw AuthorityException.badRequest("the certificate request is missing");
        }
        if (pem.length() > 2 * MAX_CSR_BYTES) {
            throw AuthorityException.badRequest("the certificate request is larger than " + MAX_CSR_BYTES + " bytes");
        }
        PemObject object;
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            object = reader.readPemObject();
        } catch (IOException | RuntimeException e) {
            throw AuthorityException.badRequest("the certificate request is not valid PEM: " + e.getMessage());
        }
        if (object == null) {
            throw AuthorityException.badRequest("the certificate request is not PEM: no BEGIN CERTIFICATE REQUEST block");
        }
        if (!object.getType().equals("CERTIFICATE REQUEST") && !object.getType().equals("NEW CERTIFICATE REQUEST")) {
            throw AuthorityException.badRequest("expected a PEM CERTIFICATE REQUEST but found " + object.getType());
        }
        return parseDer(object.getContent());
    }

    /** Parses a DER request (ACME finalize sends base64url DER) and verifies its signature. */
    public static CertificateRequest parseDer(byte[] der) {
        if (der == null || der.length == 0) {
            throw AuthorityException.badRequest("the certificate request is empty");
        }
        if (der.length > MAX_CSR_BYTES) {
            throw AuthorityException.badRequest("the certificate request is larger than " + MAX_CSR_BYTES + " bytes");
        }
        JcaPKCS10CertificationRequest csr;
        PublicKey publicKey;
        try {
            csr = new JcaPKCS10CertificationRequest(new PKCS10CertificationRequest(der))
                    .setProvider(BouncyCastle.provider());
            publicKey = csr.getPublicKey();
        } catch (IOException | RuntimeException | InvalidKeyException | NoSuchAlgorithmException e) {
            throw AuthorityException.badRequest("the certificate request cannot be parsed: " + e.getMessage());
        }
        verifySignature(csr);
        return new CertificateRequest(der.clone(), publicKey, commonName(csr), sans(csr));
    }

    private static void verifySignature(PKCS10CertificationRequest csr) {
        boolean valid;
        try {
            ContentVerifierProvider verifier = CryptoProviders.verifierFor(csr.getSignatureAlgorithm().getAlgorithm(),
                    csr.getSubjectPublicKeyInfo());
            valid = csr.isSignatureValid(verifier);
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            throw AuthorityException.badRequest("the certificate request signature cannot be checked: "
                    + e.getMessage());
        }
        if (!valid) {
            throw AuthorityException.badRequest("the certificate request signature is invalid: it was not signed "
                    + "by the key it contains");
        }
    }

    private static String commonName(PKCS10CertificationRequest csr) {
        RDN[] rdns = csr.getSubject().getRDNs(BCStyle.CN);
        if (rdns.length == 0) {
            return "";
        }
        if (rdns.length > 1) {
            throw AuthorityException.badRequest("the certificate request has more than one common name");
        }
        ASN1Encodable value = rdns[0].getFirst().getValue();
        return value instanceof ASN1String ? ((ASN1String) value).getString() : value.toString();
    }

    private static SubjectAlternativeNames sans(PKCS10CertificationRequest csr) {
        try {
            for (Attribute attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
                for (ASN1Encodable value : attribute.getAttributeValues()) {
                    Extensions extensions = Extensions.getInstance(value);
                    GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
                    if (names != null) {
                        return SubjectAlternativeNames.fromGeneralNames(names);
                    }
                }
            }
        } catch (AuthorityException e) {
            throw e;
        } catch (RuntimeException e) {
            throw AuthorityException.badRequest("the certificate request's extensions cannot be parsed: "
                    + e.getMessage());
        }
        return SubjectAlternativeNames.none();
    }

    /** Convenience for tests and tools: PEM of a DER request. */
    static String toPem(byte[] der) {
        return "-----BEGIN CERTIFICATE REQUEST-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE REQUEST-----\n";
    }
}
