/**
 * The server's own TLS certificate, issued by the authority at start and renewed on the shared
 * scheduler. May import the authority, server.config and Jetty's SSL context.
 */
package dev.stile.server.tls;
