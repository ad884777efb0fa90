package dev.stile.admin.inventory;

import java.time.Instant;

/**
 * A name whose newest certificate has expired, or expires within the asked window, and no newer
 * certificate exists: the client that should renew it has probably stopped.
 *
 * @param name     the identifier (lower-cased DNS name, IP, e-mail, URI or CN)
 * @param serial   serial of its newest certificate
 * @param notAfter when that certificate expires (or expired)
 * @param issuedAt when it was signed
 */
public record RenewalGap(String name, String serial, Instant notAfter, Instant issuedAt) {
}
