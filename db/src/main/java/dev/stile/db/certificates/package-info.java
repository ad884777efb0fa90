/**
 * JDBC implementation of the authority's certificate inventory port
 * (dev.stile.authority.inventory.CertificateStore): every issued certificate, its names for
 * search, keyset cursors.
 */
package dev.stile.db.certificates;
