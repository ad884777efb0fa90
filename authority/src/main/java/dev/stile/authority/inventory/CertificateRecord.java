package dev.stile.authority.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A certificate the CA signed, as kept in the inventory. It is stored before the certificate is
 * returned to anyone, so the inventory is complete even if the response is lost.
 *
 * @param serial          serial number as lower-case hex without leading zeros
 * @param subject         RFC 4514 subject of the certificate
 * @param sans            subject alternative names as {@code type:value} ({@code dns:a.example},
 *                        {@code ip:10.0.0.1}, {@code email:a@b}, {@code uri:spiffe://...})
 * @param notBefore       start of validity
 * @param notAfter        end of validity
 * @param provisionerName name of the provisioner that authorised the request
 * @param provisionerType type of that provisioner ({@code JWK}, {@code ACME}, ...)
 * @param requester       who asked: token subject, ACME account URL, or client certificate serial
 * @param keyType         key type of the certificate's public key, e.g. {@code EC-P256}, {@code RSA-2048}
 * @param pem             the certificate itself, PEM encoded (leaf only)
 * @param issuedAt        when it was signed
 * @param profile         the ACME profile of the order it was issued for (draft-aaron-acme-profiles),
 *                        or {@code null} when the request named none (step /sign, renew, default ACME)
 */
public record CertificateRecord(
        String serial,
        String subject,
        List<String> sans,
        Instant notBefore,
        Instant notAfter,
        String provisionerName,
        String provisionerType,
        String requester,
        String keyType,
        String pem,
        Instant issuedAt,
        String profile) {

    /** A certificate issued without a profile. */
    public CertificateRecord(String serial, String subject, List<String> sans, Instant notBefore, Instant notAfter,
                             String provisionerName, String provisionerType, String requester, String keyType,
                             String pem, Instant issuedAt) {
        this(serial, subject, sans, notBefore, notAfter, provisionerName, provisionerType, requester, keyType, pem,
                issuedAt, null);
    }

    public CertificateRecord {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(pem, "pem");
        sans = List.copyOf(sans);
        profile = profile == null || profile.isBlank() ? null : profile;
    }
}
