/**
 * Anti-replay nonces (RFC 8555 §6.5): AES-GCM tokens, redeemed once. For replicas, under a key
 * shared through the {@link dev.stile.acme.store.NonceStore} and by one write to its shared replay
 * record; for a server alone on its database, under a key of its process and by one bit of an
 * in-memory record.
 * Imports only the JDK's cryptography and the store port.
 */
package dev.stile.acme.nonce;
