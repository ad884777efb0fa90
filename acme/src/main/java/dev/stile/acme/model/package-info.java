/**
 * ACME protocol nouns (RFC 8555 §7.1) as immutable records, plus the pure rules over them:
 * {@link dev.stile.acme.model.OrderStatus#derive} and {@link dev.stile.acme.model.KeyAuthorization}.
 * Depends on nothing but jose4j (thumbprints) and the problem/validation value types.
 */
package dev.stile.acme.model;
