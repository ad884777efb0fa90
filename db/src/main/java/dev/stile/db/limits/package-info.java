/**
 * Rate-limit buckets in the database (Bucket4j's token-bucket arithmetic over a small JDBC proxy
 * manager) and the pending-authorization count, shared by all replicas.
 */
package dev.stile.db.limits;
