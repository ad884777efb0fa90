/**
 * RFC 8555 over HTTP: ACME resources, JWS body handling and problem documents, calling the acme
 * module's services. May import Javalin, Jackson, the acme module and server.http; no JDBC
 * and nothing of the wiring ({@code server.acme}).
 */
package dev.stile.server.http.acme;
