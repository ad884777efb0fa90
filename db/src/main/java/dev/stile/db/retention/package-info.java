/**
 * Retention on the database: the SQL rule per table that grows and the batched deleter implementing
 * {@code dev.stile.admin.retention.Retention}. May import the admin module, core and JDBC.
 */
package dev.stile.db.retention;
