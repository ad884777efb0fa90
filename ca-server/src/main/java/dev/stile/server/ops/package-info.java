/**
 * Operations glue without HTTP: Prometheus metrics, the audit log, observers that feed them from
 * issuance and ACME events, the retention schedule, the ops settings read from ca.json. May import
 * the domain modules (admin ports, authority inventory, acme types and events), server.config,
 * Micrometer (and the Hikari pool it measures), Jackson and SLF4J; no Javalin and
 * no db class (it gets ports).
 */
package dev.stile.server.ops;
