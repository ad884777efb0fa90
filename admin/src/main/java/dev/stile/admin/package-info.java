/**
 * The operator's use cases as ports: admins of the admin API ({@link dev.stile.admin.AdminStore}), their
 * sessions and sign-in links, the EAB keys they mint, and the first super-admin rule. Plain records
 * and interfaces; imports only core and authority (no HTTP, JDBC or I/O library): db implements the
 * ports, the server's {@code http.admin} routes call them.
 */
package dev.stile.admin;
