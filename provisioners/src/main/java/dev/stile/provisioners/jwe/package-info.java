/**
 * The JWK provisioner's encrypted private key (step-ca's encryptedKey, a PBES2 JWE) and the
 * jose4j provider choices Stile needs for it. Imports jose4j and authority's crypto providers.
 */
package dev.stile.provisioners.jwe;
