package dev.stile.server.http.admin.linkedca;

import java.util.List;

/**
 * The provisioner types Stile runs, with their three spellings: linkedca's {@code type} enum name
 * (and number), the key under {@code details}, and ca.json's {@code type}; plus the ca.json keys
 * each type's details govern.
 */
enum ProvisionerKind {
    JWK("JWK", 1, "JWK", "JWK", List.of("key", "encryptedKey")),
    OIDC("OIDC", 2, "OIDC", "OIDC", List.of("clientID", "clientSecret", "configurationEndpoint", "admins", "domains",
            "groups", "listenAddress", "tenantID")),
    ACME("ACME", 6, "ACME", "ACME", List.of("forceCN", "requireEAB", "challenges", "attestationFormats",
            "attestationRoots", "termsOfService", "website", "caaIdentities")),
    X5C("X5C", 7, "X5C", "X5C", List.of("roots")),
    K8SSA("K8SSA", 8, "K8sSA", "K8sSA", List.of("publicKeys"));

    /** linkedca.Provisioner.Type numbers of the types Stile does not run (protojson accepts numbers). */
    private static final String[] STEP_NAMES = {"NOOP", "JWK", "OIDC", "GCP", "AWS", "AZURE", "ACME", "X5C", "K8SSA",
        "SSHPOP", "SCEP", "NEBULA"};

    final String protoType;
    final int number;
    final String detailsKey;
    final String caJsonType;
    final List<String> caJsonKeys;

    ProvisionerKind(String protoType, int number, String detailsKey, String caJsonType, List<String> caJsonKeys) {
        this.protoType = protoType;
        this.number = number;
        this.detailsKey = detailsKey;
        this.caJsonType = caJsonType;
        this.caJsonKeys = caJsonKeys;
    }

    /** The kind for a linkedca type name (upper case), or null when Stile does not run it. */
    static ProvisionerKind byProtoType(String upper) {
        for (ProvisionerKind k : values()) {
            if (k.protoType.equals(upper)) {
                return k;
            }
        }
        return null;
    }

    /** The linkedca type name for an enum number, or the number as text when unknown. */
    static String nameOfNumber(int n) {
        return n >= 0 && n < STEP_NAMES.length ? STEP_NAMES[n] : Integer.toString(n);
    }
}
