package dev.stile.authority.init;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The {@code ca.json} and {@code defaults.json} that {@code stile init} writes, shaped as
 * {@code step ca init} writes them (step-ca-api.md 5.5, 5.6, 6) so step users recognise them,
 * except for the database: Stile's embedded H2 instead of badger.
 */
final class InitialConfig {

    /** step's default TLS cipher suites for the CA's own listener. */
    static final List<String> CIPHER_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private InitialConfig() {
    }

    /**
     * ca.json, with paths relative to the CA directory (which step-ca and Stile resolve them
     * against), so the directory can be moved, mounted elsewhere or copied into a Secret.
     */
    static String caJson(InitOptions options, CaLayout layout, ProvisionerKey provisionerKey) {
        ObjectNode root = NODES.objectNode();
        root.put("root", relative(layout, layout.rootCertificate()));
        root.putNull("federatedRoots");
        root.put("crt", relative(layout, layout.intermediateCertificate()));
        root.put("key", relative(layout, layout.intermediateKey()));
        root.put("address", options.address().trim());
        root.put("insecureAddress", "");
        ArrayNode dns = root.putArray("dnsNames");
        options.dnsNames().forEach(name -> dns.add(name.trim()));
        root.putObject("logger").put("format", "text");
        ObjectNode db = root.putObject("db");
        if (options.databaseUrl() == null) {
            db.put("type", "h2");
            db.put("dataSource", relative(layout, layout.database().resolve("stile")));
        } else {
            db.put("type", "postgresql");
            db.put("dataSource", options.databaseUrl());
        }

        // New CAs serve a CRL that clients accept: leaves name it (CRL distribution point) and the CRL
        // names the same URL (issuing distribution point); regenerated at once on every revocation.
        // Existing step-ca directories keep whatever their ca.json says (off when absent).
        ObjectNode crl = root.putObject("crl");
        crl.put("enabled", true);
        crl.put("generateOnRevoke", true);
        crl.put("cacheDuration", "24h");
        crl.put("idpURL", caUrl(options.dnsNames().get(0).trim(), options.port()) + "/1.0/crl");

        ObjectNode authority = root.putObject("authority");
        if (options.remoteManagement()) {
            // Admin API on (step ca init --remote-management); the first super-admin is in the database.
            authority.put("enableAdmin", true);
        }
        ArrayNode provisioners = authority.putArray("provisioners");
        ObjectNode jwk = provisioners.addObject();
        jwk.put("type", "JWK");
        jwk.put("name", options.provisionerName().trim());
        ObjectNode key = jwk.putObject("key");
        for (Map.Entry<String, Object> member : provisionerKey.publicJwk().entrySet()) {
            key.put(member.getKey(), String.valueOf(member.getValue()));
        }
        jwk.put("encryptedKey", provisionerKey.encryptedKey());
        if (options.acme()) {
            ObjectNode acme = provisioners.addObject();
            acme.put("type", "ACME");
            acme.put("name", "acme");
            // The profiles a new CA offers (advertised in the directory's meta.profiles); each has its
            // own authorization-reuse window, so short-lived certificates are revalidated after hours.
            ObjectNode profiles = acme.putObject("profiles");
            ObjectNode standard = profiles.putObject("default");
            standard.put("description", "24 hour certificates; a validation is reused for 24 hours");
            standard.put("defaultTLSCertDuration", "24h");
            standard.put("authorizationReuse", "24h");
            ObjectNode shortLived = profiles.putObject("shortlived");
            shortLived.put("description", "6 hour certificates; a validation is reused for 2 hours");
            shortLived.put("defaultTLSCertDuration", "6h");
            shortLived.put("authorizationReuse", "2h");
        }

        ObjectNode tls = root.putObject("tls");
        ArrayNode suites = tls.putArray("cipherSuites");
        CIPHER_SUITES.forEach(suites::add);
        // Versions are JSON numbers in step's ca.json.
        tls.put("minVersion", new BigDecimal("1.2"));
        tls.put("maxVersion", new BigDecimal("1.3"));
        tls.put("renegotiation", false);
        if (options.opsAddress() != null) {
            // Stile's plain-HTTP ops listener (probes, metrics), for a CA started by a service manager.
            root.putObject("ops").put("address", options.opsAddress());
        }
        return write(root);
    }

    /** defaults.json for the step CLI: where the CA is and how to trust it. */
    static String defaultsJson(InitOptions options, CaLayout layout, String fingerprint) {
        ObjectNode root = NODES.objectNode();
        root.put("ca-url", caUrl(options.dnsNames().get(0).trim(), options.port()));
        root.put("ca-config", layout.caConfig().toString());
        root.put("fingerprint", fingerprint);
        root.put("root", layout.rootCertificate().toString());
        return write(root);
    }

    /** {@code path} relative to the CA directory, with {@code /} separators as in step's files. */
    static String relative(CaLayout layout, java.nio.file.Path path) {
        return layout.base().relativize(path).toString().replace('\\', '/');
    }

    /** {@code https://host[:port]}, as step builds it from the first DNS name and the port. */
    static String caUrl(String host, int port) {
        String shown = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "https://" + shown + (port == 443 ? "" : ":" + port);
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
