package dev.stile.server.ops.admin;

import dev.stile.db.ops.AdminRecord;

/**
 * Who made an authenticated admin request.
 *
 * @param admin   the matching admin record
 * @param subject the certificate name that matched it
 * @param serial  serial of the admin's client certificate (for the audit log)
 */
public record AdminIdentity(AdminRecord admin, String subject, String serial) {
}
