package dev.stile.provisioners.sign;

import dev.stile.authority.crypto.CryptoProviders;
import dev.stile.provisioners.AuthorizationException;
import dev.stile.provisioners.jwe.JoseProviders;
import dev.stile.provisioners.token.VerifiedToken;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

import java.io.IOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides the names of a certificate from a verified token and the submitted CSR (reference 3.3):
 * for JWK and X5C tokens the names come from the token and the CSR may only repeat them; K8sSA
 * and OIDC admins get the CSR's names; other OIDC users only their e-mail address. Only the CSR's
 * public key is ever used as is.
 */
public final class CsrAuthorizer {

    private CsrAuthorizer() {
    }

    /** The CSR's public key, after checking its signature and strength (400/403 as step-ca). */
    public static PublicKey checkedPublicKey(PKCS10CertificationRequest csr) {
        PublicKey key;
        try {
            JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(csr).setProvider(JoseProviders.bouncyCastle());
            key = jca.getPublicKey();
            if (!csr.isSignatureValid(CryptoProviders.verifierFor(csr.getSignatureAlgorithm().getAlgorithm(),
                    csr.getSubjectPublicKeyInfo()))) {
                throw AuthorizationException.badRequest("invalid certificate request: its signature does not verify");
            }
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
                 | org.bouncycastle.pkcs.PKCSException e) {
            throw AuthorizationException.badRequest("invalid certificate request: " + e.getMessage());
        }
        if (key instanceof RSAPublicKey) {
            int bits = ((RSAPublicKey) key).getModulus().bitLength();
            if (bits < 2048) {
                throw AuthorizationException.forbidden("certificate request RSA key must be at least 2048 bits, not " + bits);
            }
        } else if (!(key instanceof ECPublicKey) && !key.getAlgorithm().toLowerCase().contains("ed25519")
                && !key.getAlgorithm().equalsIgnoreCase("EdDSA")) {
            throw AuthorizationException.badRequest("certificate request key type " + key.getAlgorithm()
                    + " is not supported (use RSA, ECDSA or Ed25519)");
        }
        return key;
    }

    /**
     * The names the certificate gets.
     *
     * @throws AuthorizationException 403 when the CSR asks for names the token does not grant
     */
    public static CertificateNames names(VerifiedToken token, PKCS10CertificationRequest csr) {
        CertificateNames requested = requestedNames(csr);
        checkCsrHash(token, csr);
        switch (token.names()) {
            case CSR:
                return requested;
            case EMAIL:
                return emailOnly(token, requested);
            default:
                return fromToken(token, requested);
        }
    }

    private static CertificateNames fromToken(VerifiedToken token, CertificateNames requested) {
        String sub = token.subject();
        String cn = requested.commonName();
        boolean x5c = !token.chain().isEmpty();
        if (!cn.isEmpty() && !cn.equals(sub) && (x5c || !token.sans().contains(cn))) {
            throw AuthorizationException.forbidden("certificate request does not contain the valid common name - got "
                    + cn + ", want " + sub);
        }
        CertificateNames granted = CertificateNames.fromSans(sub, token.sans());
        sameSet("DNS names", requested.dnsNames(), granted.dnsNames());
        sameSet("IP addresses", requested.ipAddresses(), granted.ipAddresses());
        sameSet("email addresses", requested.emailAddresses(), granted.emailAddresses());
        sameSet("URIs", requested.uris(), granted.uris());
        return granted;
    }

    private static CertificateNames emailOnly(VerifiedToken token, CertificateNames requested) {
        String email = token.email().orElseThrow();
        for (String n : requested.emailAddresses()) {
            if (!n.equalsIgnoreCase(email)) {
                throw AuthorizationException.forbidden("certificate request contains email address " + n
                        + " but the token only grants " + email);
            }
        }
        if (!requested.dnsNames().isEmpty() || !requested.ipAddresses().isEmpty() || !requested.uris().isEmpty()) {
            throw AuthorizationException.forbidden("certificate request contains names other than the email address "
                    + email + ", which is all an OIDC token grants");
        }
        String cn = requested.commonName();
        if (!cn.isEmpty() && !cn.equalsIgnoreCase(email) && !cn.equals(token.subject())) {
            throw AuthorizationException.forbidden("certificate request common name " + cn + " is not " + email);
        }
        return new CertificateNames(email, List.of(), List.of(), List.of(email), List.of());
    }

    private static void sameSet(String what, List<String> requested, List<String> granted) {
        if (requested.isEmpty()) {
            return;
        }
        Set<String> r = new HashSet<>(requested);
        Set<String> g = new HashSet<>(granted);
        if (!r.equals(g)) {
            Set<String> extra = new HashSet<>(r);
            extra.removeAll(g);
            Set<String> missing = new HashSet<>(g);
            missing.removeAll(r);
            throw AuthorizationException.forbidden("certificate request " + what + " " + requested
                    + " do not match the token's " + granted
                    + (extra.isEmpty() ? "" : "; not in the token: " + extra)
                    + (missing.isEmpty() ? "" : "; missing from the request: " + missing));
        }
    }

    private static void checkCsrHash(VerifiedToken token, PKCS10CertificationRequest csr) {
        if (token.csrHash().isEmpty()) {
            return;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(csr.getEncoded());
            String actual = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
            if (!actual.equals(token.csrHash().get())) {
                throw AuthorizationException.forbidden("certificate request fingerprint " + actual
                        + " does not match the token's cnf x5rt#S256 " + token.csrHash().get());
            }
        } catch (IOException | GeneralSecurityException e) {
            throw AuthorizationException.badRequest("invalid certificate request: " + e.getMessage());
        }
    }

    /** The CN and SANs the CSR asks for. */
    public static CertificateNames requestedNames(PKCS10CertificationRequest csr) {
        String cn = "";
        RDN[] cns = csr.getSubject().getRDNs(BCStyle.CN);
        if (cns.length > 0) {
            cn = IETFUtils.valueToString(cns[0].getFirst().getValue());
        }
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        for (var attr : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            Extensions exts = Extensions.getInstance(attr.getAttrValues().getObjectAt(0));
            GeneralNames sans = GeneralNames.fromExtensions(exts, Extension.subjectAlternativeName);
            if (sans == null) {
                continue;
            }
            for (GeneralName n : sans.getNames()) {
                switch (n.getTagNo()) {
                    case GeneralName.dNSName:
                        dns.add(n.getName().toString());
                        break;
                    case GeneralName.rfc822Name:
                        emails.add(n.getName().toString());
                        break;
                    case GeneralName.uniformResourceIdentifier:
                        uris.add(n.getName().toString());
                        break;
                    case GeneralName.iPAddress:
                        ips.add(ip(n));
                        break;
                    default:
                        throw AuthorizationException.forbidden("certificate request contains an unsupported SAN type "
                                + n.getTagNo());
                }
            }
        }
        return new CertificateNames(cn, dns, ips, emails, uris);
    }

    private static String ip(GeneralName n) {
        byte[] raw = org.bouncycastle.asn1.DEROctetString.getInstance(n.getName()).getOctets();
        try {
            return InetAddress.getByAddress(raw).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw AuthorizationException.badRequest("certificate request contains a malformed IP address SAN");
        }
    }
}
