package dev.stile.admin.inventory;

import java.time.Instant;

/**
 * An ACME order as the admin listing shows it.
 *
 * @param id            order id
 * @param accountId     the ordering account
 * @param provisioner   ACME provisioner name
 * @param status        stored status (pending, processing, valid, invalid)
 * @param identifiers   JSON array of {type, value}
 * @param expiresAt     when the order expires
 * @param errorJson     problem document JSON of an invalid order, or null
 * @param certificateId the issued certificate's id, or null
 * @param createdAt     when it was created
 */
public record OrderSummary(String id, String accountId, String provisioner, String status, String identifiers,
                           Instant expiresAt, String errorJson, String certificateId, Instant createdAt) {
}
