/**
 * {@code stile admin ...}: a client of the server's {@code /admin} HTTP API (sessions, inventory,
 * provisioners, admins, EAB keys, policy, console links). May import {@code dev.stile.cli.ca}
 * (connection, TLS, admin certificates), {@code dev.stile.core}, {@code dev.stile.provisioners},
 * picocli, Jackson and jose4j; nothing of the server.
 */
package dev.stile.cli.admin;
