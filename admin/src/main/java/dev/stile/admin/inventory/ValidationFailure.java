package dev.stile.admin.inventory;

import java.time.Instant;

/**
 * A failed challenge validation as shown by {@code GET /admin/validation-failures}.
 *
 * @param id            increasing id
 * @param failedAt      when the attempt ended
 * @param challengeType {@code http-01}, {@code dns-01}, {@code tls-alpn-01}
 * @param identifier    the name being validated
 * @param outcome       outcome class: dns, connection, http_status, tls, unauthorized, ...
 * @param finalFailure  true when the challenge became invalid, false for a transient failure
 *                      that will be retried
 * @param problemJson   the RFC 7807 problem document
 */
public record ValidationFailure(long id, Instant failedAt, String challengeType, String identifier, String outcome,
                                boolean finalFailure, String problemJson) {
}
