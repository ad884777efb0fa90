/**
 * The step-ca provisioners (JWK, X5C, OIDC, K8sSA, ACME): who may get which certificate. Parsed
 * from ca.json's authority.provisioners into a ProvisionerRegistry; pure rules over tokens and
 * claims. May import core and authority (provisioner identity, extension), jose4j and
 * BouncyCastle; no HTTP, JDBC or network library.
 */
package dev.stile.provisioners;
