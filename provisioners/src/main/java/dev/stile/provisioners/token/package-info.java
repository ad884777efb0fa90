/**
 * One-time tokens (JWK, X5C, OIDC, K8sSA JWTs): signature, audience, time and type checks, and
 * the TokenStore port that makes each token usable once (db implements it). Imports jose4j; no
 * HTTP or JDBC.
 */
package dev.stile.provisioners.token;
