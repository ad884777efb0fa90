package dev.stile.authority.csr;

import dev.stile.authority.AuthorityException;
import dev.stile.authority.SubjectAlternativeNames;
import dev.stile.authority.crypto.BouncyCastle;
import dev.stile.authority.crypto.CryptoProviders;
import dev.stile.authority.keys.PublicKeys;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

import javax.security.auth.x500.X500Principal;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one place a PKCS#10 request is parsed (PEM or DER), its signature verified (through
 * {@link CryptoProviders}, so the native provider does it when present) and its key checked
 * against the CA's one key rule ({@link PublicKeys#requireAcceptable}). Signature verification is
 * the expensive step of a {@code /1.0/sign} or an ACME finalize, so each request must pass here
 * exactly once; callers hand the returned {@link ParsedCsr} on. Every refusal is a
 * {@link CsrException} with a clear message.
 */
public final class CsrParser {

    /** Requests are a few kB; a bound keeps a hostile body from costing parse time. */
    public static final int MAX_CSR_BYTES = 64 * 1024;

    /** Signature verifications performed; read by tests proving each request is verified once. */
    private static final LongAdder VERIFICATIONS = new LongAdder();

    private CsrParser() {
    }

    /** Parses a PEM ({@code CERTIFICATE REQUEST} or {@code NEW CERTIFICATE REQUEST}) request. */
    public static ParsedCsr parsePem(String pem) {
        if (pem == null || pem.isBlank()) {
            throw CsrException.malformed("the certificate request is missing");
        }
        if (pem.length() > 2 * MAX_CSR_BYTES) {
            throw CsrException.malformed("the certificate request is larger than " + MAX_CSR_BYTES + " bytes");
        }
        PemObject object;
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            object = reader.readPemObject();
        } catch (IOException | RuntimeException e) {
            throw CsrException.malformed("the certificate request is not valid PEM: " + e.getMessage());
        }
        if (object == null) {
            throw CsrException.malformed("the certificate request is not PEM: no BEGIN CERTIFICATE REQUEST block");
        }
        if (!object.getType().equals("CERTIFICATE REQUEST") && !object.getType().equals("NEW CERTIFICATE REQUEST")) {
            throw CsrException.malformed("expected a PEM CERTIFICATE REQUEST but found " + object.getType());
        }
        return parseDer(object.getContent());
    }

    /** Parses a DER request (ACME finalize sends base64url DER), verifies its signature and checks its key. */
    public static ParsedCsr parseDer(byte[] der) {
        if (der == null || der.length == 0) {
            throw CsrException.malformed("the certificate request is empty");
        }
        if (der.length > MAX_CSR_BYTES) {
            throw CsrException.malformed("the certificate request is larger than " + MAX_CSR_BYTES + " bytes");
        }
        JcaPKCS10CertificationRequest csr;
        PublicKey publicKey;
        X500Principal subject;
        try {
            csr = new JcaPKCS10CertificationRequest(new PKCS10CertificationRequest(der))
                    .setProvider(BouncyCastle.provider());
            publicKey = csr.getPublicKey();
            subject = new X500Principal(csr.getSubject().getEncoded());
        } catch (IOException | RuntimeException | InvalidKeyException | NoSuchAlgorithmException e) {
            throw CsrException.malformed("the certificate request cannot be parsed: " + e.getMessage());
        }
        verifySignature(csr);
        requireAcceptableKey(publicKey);
        Extensions extensions = requestedExtensions(csr);
        List<Integer> unsupported = new ArrayList<>();
        SubjectAlternativeNames sans = sans(extensions, unsupported);
        return new ParsedCsr(der, publicKey, subject, commonName(csr), sans, unsupported, extensions);
    }

    private static void verifySignature(PKCS10CertificationRequest csr) {
        VERIFICATIONS.increment();
        boolean valid;
        try {
            ContentVerifierProvider verifier = CryptoProviders.verifierFor(csr.getSignatureAlgorithm().getAlgorithm(),
                    csr.getSubjectPublicKeyInfo());
            valid = csr.isSignatureValid(verifier);
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            throw new CsrException(CsrException.Reason.SIGNATURE_INVALID, AuthorityException.Category.BAD_REQUEST,
                    "the certificate request signature cannot be checked: " + e.getMessage());
        }
        if (!valid) {
            throw new CsrException(CsrException.Reason.SIGNATURE_INVALID, AuthorityException.Category.BAD_REQUEST,
                    "the certificate request signature is invalid: it was not signed by the key it contains");
        }
    }

    /** The CA's one key rule, reported as a CSR refusal with the rule's own status (403 for weak RSA). */
    private static void requireAcceptableKey(PublicKey key) {
        try {
            PublicKeys.requireAcceptable(key);
        } catch (AuthorityException e) {
            throw new CsrException(CsrException.Reason.KEY_REJECTED, e.category(), e.getMessage());
        }
    }

    private static String commonName(PKCS10CertificationRequest csr) {
        RDN[] rdns = csr.getSubject().getRDNs(BCStyle.CN);
        if (rdns.length == 0) {
            return "";
        }
        if (rdns.length > 1) {
            throw CsrException.malformed("the certificate request has more than one common name");
        }
        ASN1Encodable value = rdns[0].getFirst().getValue();
        return value instanceof ASN1String ? ((ASN1String) value).getString() : value.toString();
    }

    private static Extensions requestedExtensions(PKCS10CertificationRequest csr) {
        try {
            for (Attribute attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
                for (ASN1Encodable value : attribute.getAttributeValues()) {
                    return Extensions.getInstance(value);
                }
            }
        } catch (RuntimeException e) {
            throw CsrException.malformed("the certificate request's extensions cannot be parsed: " + e.getMessage());
        }
        return null;
    }

    private static SubjectAlternativeNames sans(Extensions extensions, List<Integer> unsupported) {
        if (extensions == null) {
            return SubjectAlternativeNames.none();
        }
        try {
            GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
            if (names == null) {
                return SubjectAlternativeNames.none();
            }
            for (GeneralName name : names.getNames()) {
                if (!SubjectAlternativeNames.carries(name.getTagNo())) {
                    unsupported.add(name.getTagNo());
                }
            }
            return SubjectAlternativeNames.fromGeneralNames(names);
        } catch (AuthorityException e) {
            throw CsrException.malformed(e.getMessage());
        } catch (RuntimeException e) {
            throw CsrException.malformed("the certificate request's subject alternative names cannot be parsed: "
                    + e.getMessage());
        }
    }

    /** Signature verifications so far (tests read it through the test-jar's {@code CsrVerifications}). */
    static long verifications() {
        return VERIFICATIONS.sum();
    }

    /** Convenience for tests and tools: PEM of a DER request. */
    static String toPem(byte[] der) {
        return "-----BEGIN CERTIFICATE REQUEST-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE REQUEST-----\n";
    }
}
