/**
 * The operations endpoints: {@code /health}, {@code /ready} on the main listener and the plain-HTTP
 * ops listener with {@code /metrics}. May import Javalin, Jetty, server.http, server.config and
 * server.ops (metrics, readiness).
 */
package dev.stile.server.http.ops;
