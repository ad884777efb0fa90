/**
 * The net module: adapters that give the ACME validation ports their network I/O, and
 * {@link dev.stile.net.Validators}, which builds every validator from the settings. May import acme,
 * dnsjava, the AWS SDK, {@code javax.net} and sockets; imported only by the server module (wiring).
 */
package dev.stile.net;
