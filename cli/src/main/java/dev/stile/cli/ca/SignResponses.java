package dev.stile.cli.ca;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.authority.keys.KeyMaterial;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** The chain in a {@code /sign} or {@code /renew} answer: {@code certChain}, else {@code [crt, ca]} as step falls back. */
final class SignResponses {

    private SignResponses() {
    }

    static List<X509Certificate> chain(JsonNode body, URI from) {
        List<String> pems = new ArrayList<>();
        JsonNode chain = body.get("certChain");
        if (chain != null && chain.isArray() && !chain.isEmpty()) {
            chain.forEach(n -> pems.add(n.asText()));
        } else {
            JsonNode crt = body.get("crt");
            if (crt == null || !crt.isTextual()) {
                throw CliException.refused(from + " answered without \"certChain\" or \"crt\"");
            }
            pems.add(crt.asText());
            JsonNode ca = body.get("ca");
            if (ca != null && ca.isTextual()) {
                pems.add(ca.asText());
            }
        }
        List<X509Certificate> out = new ArrayList<>();
        for (String pem : pems) {
            out.addAll(PemFiles.parseCertificates(pem, "the answer of " + from));
        }
        if (out.isEmpty()) {
            throw CliException.refused(from + " answered with no certificate");
        }
        return out;
    }

    /**
     * The CA must certify the key we hold; writing a certificate for another key would leave a
     * certificate/key pair that no TLS server can load.
     */
    static void requireKey(List<X509Certificate> chain, java.security.PublicKey expected, URI from) {
        if (!java.util.Arrays.equals(chain.get(0).getPublicKey().getEncoded(), expected.getEncoded())) {
            throw CliException.refused(from + " answered with a certificate for a different public key; nothing was written");
        }
    }

    static String pem(List<X509Certificate> chain) {
        return KeyMaterial.toPem(chain);
    }
}
