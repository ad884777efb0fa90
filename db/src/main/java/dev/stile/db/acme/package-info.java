/**
 * JDBC implementations of the ACME storage ports ({@code dev.stile.acme.store}) on the schema of
 * {@code V2__acme.sql}. Each method is one statement or one transaction; state changes are guarded
 * UPDATEs. Works on H2 (PostgreSQL mode) and PostgreSQL.
 */
package dev.stile.db.acme;
