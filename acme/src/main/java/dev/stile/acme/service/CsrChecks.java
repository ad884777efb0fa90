package dev.stile.acme.service;

import dev.stile.authority.crypto.CryptoProviders;
import dev.stile.authority.crypto.BouncyCastle;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.problem.AcmeProblem;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a finalize CSR (RFC 8555 §7.4): it parses, its signature verifies (BouncyCastle), its key
 * is strong enough and is not the account key, and its names (SANs plus the CN, which counts as a
 * name) equal the order's identifiers exactly. Every refusal is {@code badCSR}.
 */
public final class CsrChecks {

    private static final Set<ASN1ObjectIdentifier> CURVES = Set.of(
            X9ObjectIdentifiers.prime256v1, SECObjectIdentifiers.secp384r1, SECObjectIdentifiers.secp521r1);

    /**
     * @param publicKey   the key to certify
     * @param commonName  the subject CN or {@code null}
     * @param identifiers the names requested, normalised
     */
    public record CheckedCsr(PublicKey publicKey, String commonName, Set<Identifier> identifiers) {
    }

    /**
     * Whether two public keys are the same key. Compared by their RFC 7638 JWK thumbprints, not by
     * {@code getEncoded()}: an account key rebuilt from its JWK may be encoded with explicit curve
     * parameters while the CSR's names the curve, so equal keys can have different bytes.
     */
    static boolean sameKey(PublicKey a, PublicKey b) {
        if (Arrays.equals(a.getEncoded(), b.getEncoded())) {
            return true;
        }
        try {
            return org.jose4j.jwk.PublicJsonWebKey.Factory.newPublicJwk(a).calculateBase64urlEncodedThumbprint("SHA-256")
                    .equals(org.jose4j.jwk.PublicJsonWebKey.Factory.newPublicJwk(b).calculateBase64urlEncodedThumbprint("SHA-256"));
        } catch (org.jose4j.lang.JoseException e) {
            return false; // a key type JWK cannot express is not an ACME account key
        }
    }

    private CsrChecks() {
    }

    public static CheckedCsr check(byte[] der, List<Identifier> orderIdentifiers, PublicKey accountKey) {
        PKCS10CertificationRequest csr;
        try {
            csr = new PKCS10CertificationRequest(der);
        } catch (java.io.IOException | RuntimeException e) {
            throw badCsr("the CSR is not a DER PKCS#10 request: " + e.getMessage());
        }
        SubjectPublicKeyInfo spki = csr.getSubjectPublicKeyInfo();
        PublicKey key;
        try {
            key = new JcaPEMKeyConverter().setProvider(BouncyCastle.provider()).getPublicKey(spki);
            if (!csr.isSignatureValid(CryptoProviders.verifierFor(csr.getSignatureAlgorithm().getAlgorithm(), spki))) {
                throw badCsr("the CSR signature does not verify with its own public key");
            }
        } catch (AcmeException e) {
            throw e;
        } catch (Exception e) {
            throw badCsr("the CSR signature cannot be checked: " + e.getMessage());
        }
        checkKey(spki, key);
        if (accountKey != null && sameKey(key, accountKey)) {
            throw badCsr("the CSR uses the account key; certificates must have a key of their own (RFC 8555 §11.1)");
        }
        String cn = commonName(csr);
        Set<Identifier> names = new LinkedHashSet<>(sans(csr));
        if (cn != null) {
            names.add(asIdentifier(cn));
        }
        Set<Identifier> wanted = new LinkedHashSet<>(orderIdentifiers);
        if (!names.equals(wanted)) {
            throw badCsr("the CSR names " + render(names) + " do not equal the order's identifiers " + render(wanted));
        }
        return new CheckedCsr(key, cn, names);
    }

    private static void checkKey(SubjectPublicKeyInfo spki, PublicKey key) {
        ASN1ObjectIdentifier alg = spki.getAlgorithm().getAlgorithm();
        if (key instanceof RSAPublicKey) {
            int bits = ((RSAPublicKey) key).getModulus().bitLength();
            if (bits < 2048 || bits > 8192) {
                throw badCsr("the CSR has an RSA key of " + bits + " bits; 2048 to 8192 are accepted");
            }
        } else if (X9ObjectIdentifiers.id_ecPublicKey.equals(alg)) {
            var params = spki.getAlgorithm().getParameters();
            if (!(params instanceof ASN1ObjectIdentifier) || !CURVES.contains(params)) {
                throw badCsr("the CSR has an EC key on an unsupported curve; use P-256, P-384 or P-521");
            }
        } else if (!EdECObjectIdentifiers.id_Ed25519.equals(alg)) {
            throw badCsr("the CSR key type " + alg.getId() + " is not supported; use RSA, ECDSA P-256/P-384/P-521 or Ed25519");
        }
    }

    private static String commonName(PKCS10CertificationRequest csr) {
        RDN[] rdns = csr.getSubject().getRDNs(BCStyle.CN);
        if (rdns.length == 0) {
            return null;
        }
        if (rdns.length > 1) {
            throw badCsr("the CSR subject has more than one common name");
        }
        return IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }

    private static Set<Identifier> sans(PKCS10CertificationRequest csr) {
        Set<Identifier> out = new LinkedHashSet<>();
        for (Attribute attr : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            Extensions exts = Extensions.getInstance(attr.getAttrValues().getObjectAt(0));
            GeneralNames names = GeneralNames.fromExtensions(exts, Extension.subjectAlternativeName);
            if (names == null) {
                continue;
            }
            for (GeneralName gn : names.getNames()) {
                if (gn.getTagNo() == GeneralName.dNSName) {
                    out.add(asIdentifier(gn.getName().toString()));
                } else if (gn.getTagNo() == GeneralName.iPAddress) {
                    out.add(Identifier.ip(ipText(DEROctetString.getInstance(gn.getName()).getOctets())));
                } else {
                    throw badCsr("the CSR asks for a subject alternative name of type " + gn.getTagNo()
                            + "; ACME certificates carry only DNS names and IP addresses");
                }
            }
        }
        return out;
    }

    private static Identifier asIdentifier(String name) {
        try {
            return Identifier.ip(Identifiers.ipAddress(name));
        } catch (AcmeException notAnIp) {
            return Identifier.dns(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    static String ipText(byte[] octets) {
        if (octets.length == 4) {
            return (octets[0] & 0xff) + "." + (octets[1] & 0xff) + "." + (octets[2] & 0xff) + "." + (octets[3] & 0xff);
        }
        if (octets.length == 16) {
            return Ipv6Text.format(octets);
        }
        throw badCsr("the CSR has an IP address SAN of " + octets.length + " bytes");
    }

    private static String render(Set<Identifier> ids) {
        Set<String> s = new TreeSet<>();
        ids.forEach(i -> s.add(i.type() + ":" + i.value()));
        return s.toString();
    }

    private static AcmeException badCsr(String detail) {
        return new AcmeException(AcmeProblem.BAD_CSR, detail);
    }
}
