/**
 * {@code stile ca ...}: a client of step-ca's HTTP API (this CA's or step-ca's) with the step CLI's
 * commands, flags and {@code $STEPPATH}-like client home. May import {@code dev.stile.core},
 * {@code dev.stile.authority} (key material, PEM), {@code dev.stile.provisioners} (JWE keys, names),
 * picocli, Jackson, jose4j, BouncyCastle and the JDK's HTTP client; nothing of the server.
 */
package dev.stile.cli.ca;
