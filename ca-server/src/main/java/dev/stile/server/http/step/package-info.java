/**
 * step-ca's HTTP API (sign, renew, rekey, revoke, provisioners, CRL, plain-HTTP CRL listener) and
 * its JSON wire format. May import Javalin, Jetty, Jackson, server.http and the step use cases; no JDBC.
 */
package dev.stile.server.http.step;
