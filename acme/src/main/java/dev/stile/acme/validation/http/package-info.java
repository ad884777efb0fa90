/**
 * HTTP-01 rules (redirects, ports, what body and status count, what an error may quote of a reply)
 * and its port {@link dev.stile.acme.validation.http.HttpGet}. May import the acme model and the
 * JDK; no HTTP client or socket (net implements the port).
 */
package dev.stile.acme.validation.http;
