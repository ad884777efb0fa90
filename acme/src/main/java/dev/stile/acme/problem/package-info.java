/**
 * ACME problem documents (RFC 8555 §6.7, RFC 7807): AcmeProblem is the one table of problem
 * types with their HTTP statuses; AcmeException carries a problem through the use cases to the
 * HTTP edge. Pure; no HTTP library.
 */
package dev.stile.acme.problem;
