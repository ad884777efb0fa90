/**
 * JDBC implementation of the one-time-token store: a token's id is recorded on first use so a
 * replay is refused on every replica.
 */
package dev.stile.db.tokens;
