package dev.stile.server.authority;

import java.util.Locale;
import java.util.Objects;

/**
 * The provisioner that authorised an issuance, as written into the certificate's provisioner
 * extension (step-ca-api.md 4.7) and into the inventory.
 *
 * @param name         provisioner name
 * @param type         provisioner type as configured ({@code JWK}, {@code ACME}, {@code X5C}, ...)
 * @param credentialId JWK: the key's {@code kid}; empty for the other types
 */
public record ProvisionerIdentity(String name, String type, String credentialId) {

    public ProvisionerIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        credentialId = credentialId == null ? "" : credentialId;
    }

    /** step's numeric code for the type (1 JWK ... 11 Nebula), or 0 when unknown. */
    public int typeCode() {
        switch (type.toUpperCase(Locale.ROOT)) {
            case "JWK": return 1;
            case "OIDC": return 2;
            case "GCP": return 3;
            case "AWS": return 4;
            case "AZURE": return 5;
            case "ACME": return 6;
            case "X5C": return 7;
            case "K8SSA": return 8;
            case "SSHPOP": return 9;
            case "SCEP": return 10;
            case "NEBULA": return 11;
            default: return 0;
        }
    }
}
