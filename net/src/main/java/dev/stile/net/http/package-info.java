/**
 * The HTTP-01 fetch over a raw socket to the address the validator chose: the acme {@code HttpGet}
 * port. May import acme, sockets and {@code javax.net.ssl}.
 */
package dev.stile.net.http;
