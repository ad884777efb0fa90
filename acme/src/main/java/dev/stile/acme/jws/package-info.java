/**
 * JWS verification for ACME requests (RFC 8555 §6.2–§6.5): {@link dev.stile.acme.jws.JwsVerifier}
 * turns a {@link dev.stile.acme.jws.JwsRequest} into a {@link dev.stile.acme.jws.VerifiedRequest}
 * or throws an {@link dev.stile.acme.problem.AcmeException}. jose4j with the BouncyCastle provider.
 */
package dev.stile.acme.jws;
