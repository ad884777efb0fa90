/**
 * ACME rate limits: ca.json's limit settings and the limiter built on db's shared token buckets.
 * May import the acme module, db.limits, core and Jackson; no HTTP library.
 */
package dev.stile.server.limits;
