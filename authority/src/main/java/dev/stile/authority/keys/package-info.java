/**
 * Key material: loading and writing the CA's PEM keys and certificates, key types, the signature
 * algorithm that goes with a key, and the one rule for which public keys the CA accepts.
 *
 * <p>May import the JDK, BouncyCastle and {@code dev.stile.authority.crypto}; nothing else.
 */
package dev.stile.authority.keys;
