/**
 * JDBC implementation of the authority's revocation port
 * (dev.stile.authority.inventory.Revocations): revoked serials, reasons and times that the CRL
 * and revoke endpoints read.
 */
package dev.stile.db.revocations;
