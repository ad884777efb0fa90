package dev.stile.server.config;

import com.fasterxml.jackson.databind.JsonNode;

import javax.net.ssl.SSLContext;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** ca.json {@code tls}: versions as numbers ({@code 1.2}) and Go cipher suite names. */
final class TlsConfigParser {

    private static final Map<String, String> VERSIONS = Map.of(
            "1.0", "TLSv1", "1.1", "TLSv1.1", "1.2", "TLSv1.2", "1.3", "TLSv1.3");
    /** Go's short names for the ChaCha20 suites. */
    private static final Map<String, String> GO_ALIASES = Map.of(
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsConfigParser() {
    }

    static TlsConfig parse(ConfigNode n) {
        TlsConfig d = TlsConfig.defaults();
        String min = version(n, "minVersion", d.minVersion());
        String max = version(n, "maxVersion", d.maxVersion());
        if (min.compareTo(max) > 0) {
            throw n.error("minVersion", "is higher than maxVersion");
        }
        List<String> suites = new ArrayList<>();
        Set<String> supported = supportedSuites();
        for (String s : n.strings("cipherSuites")) {
            String name = GO_ALIASES.getOrDefault(s, s);
            if (!supported.contains(name)) {
                throw n.error("cipherSuites", "\"" + s + "\" is not a cipher suite this Java supports");
            }
            suites.add(name);
        }
        n.bool("renegotiation");
        n.done();
        return new TlsConfig(suites.isEmpty() ? d.cipherSuites() : suites, min, max);
    }

    private static String version(ConfigNode n, String key, String fallback) {
        if (!n.has(key)) {
            return fallback;
        }
        JsonNode v = n.raw(key).orElseThrow();
        String text = v.isNumber() ? v.decimalValue().stripTrailingZeros().toPlainString() : v.asText();
        if (text.equals("1")) {
            text = "1.0";
        }
        String name = VERSIONS.get(text);
        if (name == null) {
            throw n.error(key, ConfigNode.describe(v) + " is not a TLS version (1.2 or 1.3)");
        }
        return name;
    }

    private static Set<String> supportedSuites() {
        try {
            return Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no TLS implementation", e);
        }
    }
}
