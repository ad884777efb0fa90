package dev.stile.acme.service;

import dev.stile.authority.csr.CsrException;
import dev.stile.authority.csr.CsrParser;
import dev.stile.authority.csr.ParsedCsr;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.problem.AcmeProblem;
import org.bouncycastle.asn1.x509.GeneralName;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a finalize CSR (RFC 8555 §7.4): the authority's {@link CsrParser} parses it, verifies its
 * signature and applies the CA's key rule (once); here the ACME rules follow: the key is not the
 * account key, and the names (SANs plus the CN, which counts as a name) equal the order's
 * identifiers exactly. Every refusal is {@code badCSR}.
 */
public final class CsrChecks {

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

    /** Parses and verifies the finalize CSR with the authority's {@link CsrParser}, then applies §7.4. */
    public static CheckedCsr check(byte[] der, List<Identifier> orderIdentifiers, PublicKey accountKey) {
        return check(parse(der), orderIdentifiers, accountKey);
    }

    /**
     * The authority's parse, signature check and key rule, once; any refusal is {@code badCSR}
     * with the authority's sentence.
     */
    public static ParsedCsr parse(byte[] der) {
        try {
            return CsrParser.parseDer(der);
        } catch (CsrException e) {
            throw badCsr(e.getMessage());
        }
    }

    /** The ACME rules on an already parsed and verified CSR: not the account key, names equal the order's. */
    public static CheckedCsr check(ParsedCsr csr, List<Identifier> orderIdentifiers, PublicKey accountKey) {
        PublicKey key = csr.publicKey();
        if (accountKey != null && sameKey(key, accountKey)) {
            throw badCsr("the CSR uses the account key; certificates must have a key of their own (RFC 8555 §11.1)");
        }
        String cn = csr.commonName().isEmpty() ? null : csr.commonName();
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

    private static Set<Identifier> sans(ParsedCsr csr) {
        if (!csr.unsupportedSanTypes().isEmpty() || !csr.sans().emails().isEmpty() || !csr.sans().uris().isEmpty()) {
            int tag = !csr.unsupportedSanTypes().isEmpty() ? csr.unsupportedSanTypes().get(0)
                    : !csr.sans().emails().isEmpty() ? GeneralName.rfc822Name : GeneralName.uniformResourceIdentifier;
            throw badCsr("the CSR asks for a subject alternative name of type " + tag
                    + "; ACME certificates carry only DNS names and IP addresses");
        }
        Set<Identifier> out = new LinkedHashSet<>();
        csr.sans().dnsNames().forEach(n -> out.add(asIdentifier(n)));
        csr.sans().ips().forEach(ip -> out.add(Identifier.ip(ipText(ip.getAddress()))));
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
