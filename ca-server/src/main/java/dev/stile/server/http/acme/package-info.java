/**
 * RFC 8555 over HTTP: ACME resources, JWS body handling and problem documents, calling the acme
 * module's services. May import Javalin, Jackson, the acme module, server.http and the ACME wiring
 * types it is handed; no JDBC.
 */
package dev.stile.server.http.acme;
