/**
 * Which JCA providers do the work: BouncyCastle registration, and the native AWS-LC provider for
 * signing and verification when it is present.
 *
 * <p>May import the JDK, BouncyCastle and jose4j only.
 */
package dev.stile.authority.crypto;
