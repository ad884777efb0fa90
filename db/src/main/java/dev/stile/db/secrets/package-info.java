/**
 * Secrets at rest: the AES-GCM envelope for EAB HMAC keys stored in the database, keyed from the
 * CA's own key material.
 */
package dev.stile.db.secrets;
