package dev.stile.server.http.admin;

import dev.stile.admin.AdminRecord;
import dev.stile.admin.AdminSession;

/**
 * Who made an authenticated admin request.
 *
 * @param admin   the matching admin record
 * @param subject the certificate name that matched it
 * @param serial  serial of the admin's client certificate (for the audit log), or null for a session
 * @param session the admin session the request came with, or null for an x5c admin token
 */
public record AdminIdentity(AdminRecord admin, String subject, String serial, AdminSession session) {

    /** True when the caller holds a session (CLI login or browser) rather than an x5c token. */
    public boolean viaSession() {
        return session != null;
    }
}
