package dev.stile.provisioners.token;

import dev.stile.provisioners.AuthorizationException;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Certificate chains carried in token headers ({@code x5c}, {@code x5cInsecure}): standard base64
 * DER, leaf first. A chain is accepted when it verifies to one of the given roots at the given time,
 * the leaf may sign (digitalSignature) and is meant for clients (clientAuth EKU), as step-ca demands.
 */
final class X5cChains {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_EKU = "2.5.29.37.0";

    private X5cChains() {
    }

    static List<X509Certificate> decode(List<String> header, String headerName) {
        if (header.isEmpty()) {
            throw AuthorizationException.unauthorized("token header " + headerName + " is missing or empty");
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (String b64 : header) {
                byte[] der = Base64.getDecoder().decode(b64);
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
            return out;
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw AuthorizationException.unauthorized("token header " + headerName
                    + " is not a list of base64 DER certificates: " + e.getMessage());
        }
    }

    /**
     * @param at the verification time: now for x5c, just before the leaf's expiry for x5cInsecure
     */
    static void verify(List<X509Certificate> chain, List<X509Certificate> roots, Instant at, String what) {
        X509Certificate leaf = chain.get(0);
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509Certificate r : roots) {
                anchors.add(new TrustAnchor(r, null));
            }
            // The path to validate excludes a root the client may have appended.
            List<X509Certificate> path = new ArrayList<>();
            for (X509Certificate c : chain) {
                if (!roots.contains(c)) {
                    path.add(c);
                }
            }
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(certPath, params);
        } catch (GeneralSecurityException e) {
            throw AuthorizationException.unauthorized(what + " chain (leaf " + leaf.getSubjectX500Principal().getName()
                    + ") does not verify to the trusted roots at " + at + ": " + e.getMessage());
        }
        boolean[] ku = leaf.getKeyUsage();
        if (ku != null && !ku[0]) {
            throw AuthorizationException.unauthorized(what + " leaf " + leaf.getSubjectX500Principal().getName()
                    + " lacks the digitalSignature key usage");
        }
        try {
            for (X509Certificate c : chain) {
                List<String> eku = c.getExtendedKeyUsage();
                if (eku != null && !eku.contains(CLIENT_AUTH) && !eku.contains(ANY_EKU)) {
                    throw AuthorizationException.unauthorized(what + " certificate " + c.getSubjectX500Principal().getName()
                            + " is not valid for client authentication (no clientAuth extended key usage)");
                }
            }
            if (leaf.getExtendedKeyUsage() == null) {
                throw AuthorizationException.unauthorized(what + " leaf " + leaf.getSubjectX500Principal().getName()
                        + " has no extended key usage; clientAuth is required");
            }
        } catch (java.security.cert.CertificateParsingException e) {
            throw AuthorizationException.unauthorized(what + " leaf has an unreadable extended key usage: " + e.getMessage());
        }
    }
}
