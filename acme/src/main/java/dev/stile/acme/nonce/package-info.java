/** Anti-replay nonces (RFC 8555 §6.5) backed by the shared database. */
package dev.stile.acme.nonce;
