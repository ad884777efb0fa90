package dev.stile.authority.init;

import java.nio.file.Path;
import java.util.List;

/**
 * step's CA directory layout (step-ca-api.md 5.5) below one base directory:
 * {@code config/ca.json}, {@code config/defaults.json}, {@code certs/root_ca.crt},
 * {@code certs/intermediate_ca.crt}, {@code secrets/root_ca_key}, {@code secrets/intermediate_ca_key},
 * {@code db/}.
 */
record CaLayout(Path base) {

    /** The top-level entries the layout owns; if any exists, a CA (or a remnant) is there. */
    static final List<String> TOP_LEVEL = List.of("config", "certs", "secrets", "db");

    Path config() {
        return base.resolve("config");
    }

    Path certs() {
        return base.resolve("certs");
    }

    Path secrets() {
        return base.resolve("secrets");
    }

    Path database() {
        return base.resolve("db");
    }

    Path caConfig() {
        return config().resolve("ca.json");
    }

    Path defaults() {
        return config().resolve("defaults.json");
    }

    Path rootCertificate() {
        return certs().resolve("root_ca.crt");
    }

    Path intermediateCertificate() {
        return certs().resolve("intermediate_ca.crt");
    }

    Path rootKey() {
        return secrets().resolve("root_ca_key");
    }

    Path intermediateKey() {
        return secrets().resolve("intermediate_ca_key");
    }
}
