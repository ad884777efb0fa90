package dev.stile.acme.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An ACME account (RFC 8555 §7.1.2). Accounts belong to one ACME provisioner: the same key on two
 * provisioners is two accounts, so one provisioner's EAB requirement cannot be bypassed via another.
 *
 * @param id            opaque random id, the last segment of the account URL
 * @param provisioner   the ACME provisioner name
 * @param jwkThumbprint base64url SHA-256 JWK thumbprint (RFC 7638) of the account key, unique per provisioner
 * @param jwkJson       the public account key as JWK JSON
 * @param contacts      {@code mailto:} URLs
 * @param status        valid, deactivated or revoked
 * @param eabKeyId      the external account binding key id, or {@code null}
 * @param createdAt     when the account was created
 */
public record Account(
        String id, String provisioner, String jwkThumbprint, String jwkJson, List<String> contacts,
        Status status, String eabKeyId, Instant createdAt) {

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(jwkThumbprint, "jwkThumbprint");
        Objects.requireNonNull(jwkJson, "jwkJson");
        Objects.requireNonNull(status, "status");
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
    }

    public Account withContacts(List<String> newContacts) {
        return new Account(id, provisioner, jwkThumbprint, jwkJson, newContacts, status, eabKeyId, createdAt);
    }

    public Account withStatus(Status newStatus) {
        return new Account(id, provisioner, jwkThumbprint, jwkJson, contacts, newStatus, eabKeyId, createdAt);
    }

    public Account withKey(String thumbprint, String json) {
        return new Account(id, provisioner, thumbprint, json, contacts, status, eabKeyId, createdAt);
    }

    public boolean isValid() {
        return status == Status.VALID;
    }
}
