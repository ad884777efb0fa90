/**
 * Wiring and adapters of the ACME role: {@code AcmeWiring} builds the ACME server on the database
 * and the authority; adapters connect acme's ports to the authority, the provisioners and the
 * validators. May import the domain modules, db (stores), server.config, server.limits and
 * server.http.acme (the routes it builds).
 */
package dev.stile.server.acme;
