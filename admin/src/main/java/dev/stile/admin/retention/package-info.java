/**
 * Retention: how long finished state is kept ({@link dev.stile.admin.retention.RetentionPolicy}) and
 * the port that deletes it. Imports only the JDK; db implements the port, the server schedules it.
 */
package dev.stile.admin.retention;
