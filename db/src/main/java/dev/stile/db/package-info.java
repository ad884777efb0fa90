/**
 * Storage: the H2/PostgreSQL DataSource (HikariCP), Flyway migrations and their fingerprint,
 * keyset pagination helpers and the reachability probe that drives /ready. The only module that
 * imports JDBC; it implements the ports the domain modules define.
 */
package dev.stile.db;
