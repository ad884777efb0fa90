/**
 * Storage ports of the ACME server: one interface per aggregate, with named, guarded state
 * transitions instead of generic updates. Implemented with JDBC in the {@code db} module
 * ({@code dev.stile.db.acme}); HashMap fakes live in this module's test-jar
 * ({@code dev.stile.acme.store.fake}).
 */
package dev.stile.acme.store;
