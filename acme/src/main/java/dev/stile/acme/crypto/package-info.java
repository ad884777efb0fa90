/** The BouncyCastle provider, registered once, for JWS, CSR and certificate signature checks. */
package dev.stile.acme.crypto;
