/**
 * Anti-replay nonces (RFC 8555 §6.5): AES-GCM tokens under a key shared through the
 * {@link dev.stile.acme.store.NonceStore}, redeemed once by one write to its shared replay record.
 * Imports only the JDK's cryptography and the store port.
 */
package dev.stile.acme.nonce;
