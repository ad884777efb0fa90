package dev.stile.authority.inventory;

import java.time.Instant;

/**
 * Filters for listing certificates; every field is optional ({@code null} = no filter).
 *
 * @param name           a SAN value or subject CN that must appear on the certificate
 * @param provisioner    provisioner name
 * @param expiringBefore only certificates whose notAfter is before this instant
 */
public record CertificateQuery(String name, String provisioner, Instant expiringBefore) {

    public static CertificateQuery all() {
        return new CertificateQuery(null, null, null);
    }
}
